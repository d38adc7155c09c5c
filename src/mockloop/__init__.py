"""mockloop: an offline coach for spoken mock interviews."""

__version__ = "0.1.0"
