import math


def dot(u, v):
    return u * v


def norm(v):
    return math.sqrt(sum(x * x for x in v))
