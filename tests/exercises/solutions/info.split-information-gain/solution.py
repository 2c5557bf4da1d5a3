import numpy as np


def entropy_of_labels(labels):
    counts = np.bincount(np.asarray(labels, dtype=int))
    p = counts[counts > 0] / len(labels)
    return -np.sum(p * np.log2(p))


def information_gain(parent, left, right):
    n = len(parent)
    w_left, w_right = len(left) / n, len(right) / n
    children = w_left * entropy_of_labels(left) + w_right * entropy_of_labels(right)
    return entropy_of_labels(parent) - children
