"""The bundled demo corpus (invented articles written for this project)."""
