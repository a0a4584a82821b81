using System;

namespace CompiledNN.Metrics;

/// <summary>Errors of numeric predictions: mean squared error, mean absolute error and the coefficient of determination R².</summary>
public static class RegressionMetrics
{
    /// <summary>The mean of the squared differences over all elements.</summary>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="targets">The true values, as many.</param>
    /// <returns><c>Σ (p − t)² / n</c>.</returns>
    public static double MeanSquaredError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        CheckLengths(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double difference = (double)predictions[i] - targets[i];
            sum += difference * difference;
        }

        return sum / predictions.Length;
    }

    /// <summary>The mean of the absolute differences over all elements.</summary>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="targets">The true values, as many.</param>
    /// <returns><c>Σ |p − t| / n</c>.</returns>
    public static double MeanAbsoluteError(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        CheckLengths(predictions, targets);
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            sum += Math.Abs((double)predictions[i] - targets[i]);
        }

        return sum / predictions.Length;
    }

    /// <summary>
    /// The coefficient of determination <c>1 − Σ (t − p)² / Σ (t − mean t)²</c> of each output column, averaged over
    /// the columns (scikit-learn's <c>r2_score</c> with <c>multioutput='uniform_average'</c>). A constant target column
    /// scores 1 when predicted exactly and 0 otherwise, as in scikit-learn.
    /// </summary>
    /// <param name="predictions">Rows of predicted values.</param>
    /// <param name="targets">As many rows of true values.</param>
    /// <param name="rowLength">The number of outputs of one row.</param>
    /// <returns>R², at most 1; negative when worse than predicting the mean.</returns>
    public static double RSquared(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int rowLength)
    {
        int rows = ClassificationMetrics.CheckRows(predictions, targets, rowLength);
        double total = 0;
        for (int column = 0; column < rowLength; column++)
        {
            double mean = 0;
            for (int row = 0; row < rows; row++)
            {
                mean += targets[(row * rowLength) + column];
            }

            mean /= rows;
            double residual = 0;
            double spread = 0;
            for (int row = 0; row < rows; row++)
            {
                int i = (row * rowLength) + column;
                residual += ((double)targets[i] - predictions[i]) * ((double)targets[i] - predictions[i]);
                spread += (targets[i] - mean) * (targets[i] - mean);
            }

            total += spread == 0 ? (residual == 0 ? 1 : 0) : 1 - (residual / spread);
        }

        return total / rowLength;
    }

    private static void CheckLengths(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        if (predictions.Length != targets.Length || predictions.Length == 0)
        {
            throw new ArgumentException($"Expected as many targets as predictions, at least one, but got {predictions.Length} predictions and {targets.Length} targets.", nameof(targets));
        }
    }
}
