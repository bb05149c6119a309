"""Ways into the application: the command line (and the web app)."""
