## The relay between the two members of a pair.
