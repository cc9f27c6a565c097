"""The mosaïque: the grid of the referential lit by a collectivité's eligible actions (see `rules`)."""
