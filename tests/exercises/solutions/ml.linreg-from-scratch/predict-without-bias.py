import numpy as np


class LinearRegression:
    """Linear regression y ≈ X·w + b, fitted by batch gradient descent on the MSE."""

    def __init__(self, learning_rate=0.01, n_iterations=1000):
        self.learning_rate = learning_rate
        self.n_iterations = n_iterations
        self.weights = None
        self.bias = None

    def fit(self, X, y):
        n_samples, n_features = X.shape
        self.weights = np.zeros(n_features)
        self.bias = 0.0
        for _ in range(self.n_iterations):
            error = X @ self.weights + self.bias - y  # ŷ − y, shape (n,)
            dw = X.T @ error / n_samples
            db = error.sum() / n_samples
            self.weights = self.weights - self.learning_rate * dw
            self.bias = self.bias - self.learning_rate * db
        return self

    def predict(self, X):
        return X @ self.weights
