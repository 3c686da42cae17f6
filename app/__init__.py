"""gradserve's HTTP service: a thin FastAPI shell over the engine."""
