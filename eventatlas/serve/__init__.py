"""The serve stage: the command line, the HTTP API and the web page, thin layers over the library."""
