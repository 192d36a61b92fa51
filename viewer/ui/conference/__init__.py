"""Conference mode: the case on a projector, stepped with a clicker, with a presenter console."""
