using System;
using CompiledNN.Data;

namespace CompiledNN.Samples.TheoryTour;

/// <summary>Small classification sets made from a seed, so the experiments need no download.</summary>
internal static class SyntheticData
{
    /// <summary>
    /// Standard normal features labelled by a random linear "teacher" (the arg-max of T·x): a problem a network of any
    /// depth can learn, so what differs between networks is how well the gradient reaches the first layers.
    /// </summary>
    public static Dataset Teacher(int rows, int features, int classes, long seed)
    {
        var random = new NetworkRandom(seed);
        float[] teacher = new float[classes * features];
        for (int i = 0; i < teacher.Length; i++)
        {
            teacher[i] = (float)random.NextNormal();
        }

        float[] x = new float[rows * features];
        float[] targets = new float[rows * classes];
        for (int row = 0; row < rows; row++)
        {
            Span<float> input = x.AsSpan(row * features, features);
            for (int i = 0; i < features; i++)
            {
                input[i] = (float)random.NextNormal();
            }

            int best = 0;
            float bestScore = float.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                float score = 0;
                for (int i = 0; i < features; i++)
                {
                    score += teacher[(c * features) + i] * input[i];
                }

                (best, bestScore) = score > bestScore ? (c, score) : (best, bestScore);
            }

            targets[(row * classes) + best] = 1;
        }

        return new Dataset(x, features, targets, classes);
    }

    /// <summary>Interleaved spirals in the plane, one arm per class, with a little noise: not linearly separable.</summary>
    public static Dataset Spirals(int rowsPerClass, int classes, double noise, long seed)
    {
        var random = new NetworkRandom(seed);
        int rows = rowsPerClass * classes;
        float[] x = new float[rows * 2];
        float[] targets = new float[rows * classes];
        for (int c = 0; c < classes; c++)
        {
            for (int i = 0; i < rowsPerClass; i++)
            {
                int row = (c * rowsPerClass) + i;
                double radius = (double)i / rowsPerClass;
                double angle = (c * 2 * Math.PI / classes) + (radius * 4) + (random.NextNormal() * noise);
                x[row * 2] = (float)(radius * Math.Cos(angle));
                x[(row * 2) + 1] = (float)(radius * Math.Sin(angle));
                targets[(row * classes) + c] = 1;
            }
        }

        return new Dataset(x, 2, targets, classes);
    }
}
