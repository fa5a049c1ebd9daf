"""Quote Lens: who said what, how, and about whom, in news articles."""
__version__ = "0.1.0"
