import math


def mean(data):
    return sum(data) / len(data)


def median(data):
    s = sorted(data)
    n = len(s)
    middle = n // 2
    return s[middle]


def std(data, sample=False):
    n = len(data)
    m = mean(data)
    squares = sum((x - m) ** 2 for x in data)
    return math.sqrt(squares / (n - 1 if sample else n))
