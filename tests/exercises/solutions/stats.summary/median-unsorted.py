import math


def mean(data):
    return sum(data) / len(data)


def median(data):
    s = list(data)
    n = len(s)
    middle = n // 2
    if n % 2 == 1:
        return s[middle]
    return (s[middle - 1] + s[middle]) / 2


def std(data, sample=False):
    n = len(data)
    m = mean(data)
    squares = sum((x - m) ** 2 for x in data)
    return math.sqrt(squares / (n - 1 if sample else n))
