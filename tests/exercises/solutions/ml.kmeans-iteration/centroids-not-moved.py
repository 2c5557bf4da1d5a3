def kmeans_step(X, centroids):
    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = distances.argmin(axis=1)
    new = centroids.astype(float).copy()
    return labels, new
