"""Real documents outside the humanitarian genre: their fetch, gold and evaluation."""
