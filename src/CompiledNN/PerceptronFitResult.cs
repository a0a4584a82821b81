namespace CompiledNN;

/// <summary>
/// What a perceptron's <c>Fit</c> reports: whether an epoch went by without error (the data set is then learned, and by
/// the perceptron convergence theorem that always happens for linearly separable data), after how many epochs, and how
/// close it came otherwise.
/// </summary>
/// <param name="Converged">An epoch had no error: every row of the data set is classified correctly.</param>
/// <param name="Epochs">The number of epochs run, the error-free one included.</param>
/// <param name="ErrorsInLastEpoch">The wrong outputs (rows × units) the last epoch corrected; 0 when converged.</param>
/// <param name="BestAccuracy">
/// The highest fraction of rows with every output right, measured on the whole data set with the weights at the end of
/// each epoch; 1 when converged. On data that is not linearly separable (XOR) it stays below 1: XOR's best line gets 3 of 4.
/// </param>
public readonly record struct PerceptronFitResult(bool Converged, int Epochs, int ErrorsInLastEpoch, float BestAccuracy);
