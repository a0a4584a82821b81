using System;
using CompiledNN.Metrics;
using Xunit;

namespace CompiledNN.Tests.Metrics;

public sealed class MetricsTests
{
    // Worked by hand. Rows are actual classes, columns predicted:
    //         p0 p1 p2 | recall
    //   a0     2  1  0 | 2/3
    //   a1     0  1  1 | 1/2
    //   a2     1  1  3 | 3/5
    //   prec. 2/3 1/3 3/4
    // F1: c0 = 2/3; c1 = 2·(1/3)(1/2)/(5/6) = 2/5; c2 = 2·(3/4)(3/5)/(27/20) = 2/3. Accuracy 6/10.
    private static readonly int[] Actual = [0, 0, 0, 1, 1, 2, 2, 2, 2, 2];
    private static readonly int[] Predicted = [0, 0, 1, 1, 2, 2, 2, 2, 0, 1];

    [Fact]
    public void Confusion_matrix_counts_and_scores_match_the_hand_computed_values()
    {
        var matrix = new ConfusionMatrix(Actual, Predicted, 3);

        int[,] expected = { { 2, 1, 0 }, { 0, 1, 1 }, { 1, 1, 3 } };
        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                Assert.Equal(expected[a, p], matrix[a, p]);
            }
        }

        Assert.Equal(0.6, matrix.Accuracy, 12);
        Assert.Equal([2.0 / 3, 1.0 / 3, 3.0 / 4], new[] { matrix.Precision(0), matrix.Precision(1), matrix.Precision(2) }, new Tolerance());
        Assert.Equal([2.0 / 3, 1.0 / 2, 3.0 / 5], new[] { matrix.Recall(0), matrix.Recall(1), matrix.Recall(2) }, new Tolerance());
        Assert.Equal([2.0 / 3, 2.0 / 5, 2.0 / 3], new[] { matrix.F1(0), matrix.F1(1), matrix.F1(2) }, new Tolerance());
        Assert.Equal(((2.0 / 3) + (2.0 / 5) + (2.0 / 3)) / 3, matrix.MacroF1, 12);
    }

    [Fact]
    public void The_table_shows_counts_recall_precision_and_accuracy()
    {
        string table = new ConfusionMatrix(Actual, Predicted, 3, ["cat", "dog", "bird"]).ToString();

        string[] lines = table.Split('\n');
        Assert.Equal("actual \\ predicted    cat    dog   bird | recall", lines[0]);
        Assert.Equal("cat                     2      1      0 | 0.667", lines[1]);
        Assert.Equal("dog                     0      1      1 | 0.500", lines[2]);
        Assert.Equal("bird                    1      1      3 | 0.600", lines[3]);
        Assert.Equal("precision           0.667  0.333  0.750", lines[4]);
        Assert.Equal("F1                  0.667  0.400  0.667", lines[5]);
        Assert.Equal("accuracy 0.600 (10 rows)", lines[6]);
    }

    [Fact]
    public void A_class_never_predicted_has_precision_zero()
    {
        var matrix = new ConfusionMatrix([0, 1], [0, 0], 2);

        Assert.Equal(0, matrix.Precision(1));
        Assert.Equal(0, matrix.Recall(1));
        Assert.Equal(0, matrix.F1(1));
        Assert.Equal(0.5, matrix.Precision(0));
    }

    [Fact]
    public void Outputs_become_classes_by_arg_max_or_by_the_half_threshold_for_one_output()
    {
        float[] outputs = [0.1f, 0.7f, 0.2f, 0.5f, 0.3f, 0.2f];
        float[] targets = [0, 1, 0, 0, 0, 1];
        Assert.Equal(0.5, ClassificationMetrics.Accuracy(outputs, targets, 3));
        var matrix = ConfusionMatrix.FromOutputs(outputs, targets, 3);
        Assert.Equal(1, matrix[1, 1]);
        Assert.Equal(1, matrix[2, 0]);

        float[] sigmoid = [0.2f, 0.5f, 0.9f, 0.49f];
        float[] labels = [0, 1, 0, 1];
        Assert.Equal(0.5, ClassificationMetrics.Accuracy(sigmoid, labels, 1));
        Assert.Equal(2, ConfusionMatrix.FromOutputs(sigmoid, labels, 1).ClassCount);
    }

    [Fact]
    public void Regression_errors_match_the_hand_computed_values()
    {
        float[] predictions = [1, 2, 3, 4];
        float[] targets = [1, 3, 2, 6];

        // Differences 0, −1, 1, −2: MSE 6/4, MAE 4/4; the targets' mean is 3, Σ(t − 3)² = 14, so R² = 1 − 6/14.
        Assert.Equal(1.5, RegressionMetrics.MeanSquaredError(predictions, targets));
        Assert.Equal(1.0, RegressionMetrics.MeanAbsoluteError(predictions, targets));
        Assert.Equal(4.0 / 7, RegressionMetrics.RSquared(predictions, targets, 1), 12);
    }

    [Fact]
    public void R_squared_averages_the_output_columns()
    {
        // Column 0 is predicted exactly (R² 1); column 1 is predicted as its mean (R² 0).
        float[] predictions = [1, 5, 2, 5, 3, 5];
        float[] targets = [1, 4, 2, 5, 3, 6];

        Assert.Equal(0.5, RegressionMetrics.RSquared(predictions, targets, 2), 12);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RegressionMetrics.MeanSquaredError([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Accuracy([1, 2, 3, 4], [1, 2], 2));
        Assert.Throws<ArgumentException>(() => new ConfusionMatrix([0, 3], [0, 0], 3));
    }

    private sealed class Tolerance : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-12;

        public int GetHashCode(double obj) => 0;
    }
}
