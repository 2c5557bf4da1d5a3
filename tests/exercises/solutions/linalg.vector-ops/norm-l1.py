def dot(u, v):
    total = 0.0
    for a, b in zip(u, v, strict=True):
        total += a * b
    return total


def norm(v):
    return sum(abs(x) for x in v)
