"""The library view: every case record under a folder, listed, searched, sorted and opened."""
