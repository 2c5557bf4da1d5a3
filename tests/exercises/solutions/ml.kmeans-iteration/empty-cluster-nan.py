def kmeans_step(X, centroids):
    distances = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    labels = distances.argmin(axis=1)
    new = centroids.astype(float).copy()
    for j in range(len(centroids)):
        new[j] = X[labels == j].mean(axis=0)
    return labels, new
