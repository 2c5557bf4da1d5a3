def gradient_descent(grad_f, x0, learning_rate=0.01, n_iterations=100):
    x = x0
    for _ in range(n_iterations):
        x = x - learning_rate * grad_f(x)
    return x
