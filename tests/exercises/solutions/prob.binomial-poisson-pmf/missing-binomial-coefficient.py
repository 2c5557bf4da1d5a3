import math

import numpy as np


def binomial_pmf(k, n, p):
    return np.array([p**j * (1 - p) ** (n - j) for j in k], dtype=float)


def poisson_pmf(k, lam):
    return np.array([lam**j * math.exp(-lam) / math.factorial(int(j)) for j in k], dtype=float)
