"""The analyst's desk over the event store: read-only queries (`queries`), the FastAPI app (`app`) and the
dashboard's static files (`static/`). `queries` does not import FastAPI, so alerts and briefings use it alone."""
