"""One module per resource group of the API."""
