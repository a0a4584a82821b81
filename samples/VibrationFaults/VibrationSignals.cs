using System;
using CompiledNN.Data;

namespace CompiledNN.Samples.VibrationFaults;

/// <summary>
/// Synthetic three-axis accelerometer recordings of a rotating machine (horizontal, vertical, axial; 128 samples at
/// 2 kHz), in three conditions: healthy, imbalance (a strong once-per-revolution tone on the radial axes) and an
/// outer-race bearing fault (resonance rings excited at the fault's passing frequency). Every signal draws its shaft
/// speed, phases, amplitudes and noise from one seeded <see cref="NetworkRandom"/>, so a seed always gives the same data.
/// </summary>
public static class VibrationSignals
{
    /// <summary>The channels of a row: the accelerometer's axes, in row order.</summary>
    public const int Channels = 3;

    /// <summary>The samples of a channel.</summary>
    public const int Length = 128;

    private const double SampleRate = 2000;

    // An outer-race defect passes the rolling elements at about 3.6 times the shaft speed for a typical ball bearing.
    private const double OuterRaceRatio = 3.58;

    /// <summary>The conditions, in class order.</summary>
    public static string[] Conditions { get; } = ["healthy", "imbalance", "bearing fault"];

    /// <summary>Generates <paramref name="count"/> recordings, the conditions in turn, with one-hot targets.</summary>
    /// <param name="count">The number of rows; at least 1.</param>
    /// <param name="seed">The seed of every random draw.</param>
    /// <returns>Rows of <see cref="Channels"/> × <see cref="Length"/> values, channel after channel.</returns>
    public static Dataset Generate(int count, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var random = new NetworkRandom(seed);
        var features = new float[count * Channels * Length];
        var targets = new float[count * Conditions.Length];
        for (int row = 0; row < count; row++)
        {
            int condition = row % Conditions.Length;
            Record(random, condition, features.AsSpan(row * Channels * Length, Channels * Length));
            targets[(row * Conditions.Length) + condition] = 1;
        }

        return new Dataset(features, Channels * Length, targets, Conditions.Length, Conditions);
    }

    private static void Record(NetworkRandom random, int condition, Span<float> signal)
    {
        double shaft = Uniform(random, 25, 50);                      // 1500–3000 rpm
        double phase = Uniform(random, 0, 2 * Math.PI);
        double running = Uniform(random, 0.2, 0.5);                  // the 1× tone every machine has
        double harmonic = Uniform(random, 0.05, 0.15);               // and its 2× harmonic
        double noise = Uniform(random, 0.15, 0.35);
        if (condition == 1)
        {
            running *= Uniform(random, 1.5, 4);                       // imbalance: a centrifugal force at 1×
        }

        Span<double> radialGain = [1, 1, 0.3];                        // the axial axis sees little of a radial force
        for (int channel = 0; channel < Channels; channel++)
        {
            // The vertical axis lags the horizontal one by a quarter revolution: the force rotates with the shaft.
            double lag = channel == 1 ? Math.PI / 2 : 0;
            double oneX = condition == 1 && channel == 2 ? running / Uniform(random, 1.5, 4) : running;
            for (int t = 0; t < Length; t++)
            {
                double angle = (2 * Math.PI * shaft * t / SampleRate) + phase - lag;
                double value = (radialGain[channel] * oneX * Math.Sin(angle)) + (harmonic * Math.Sin((2 * angle) + 0.7));
                signal[(channel * Length) + t] = (float)(value + (noise * random.NextNormal()));
            }
        }

        if (condition == 2)
        {
            AddBearingImpacts(random, shaft, signal);
        }
    }

    // Each rolling element striking the defect rings the housing's resonance, decaying within a few milliseconds;
    // the vertical axis (the load zone) rings most.
    private static void AddBearingImpacts(NetworkRandom random, double shaft, Span<float> signal)
    {
        double period = SampleRate / (shaft * OuterRaceRatio);       // samples between impacts
        double resonance = Uniform(random, 300, 600);
        double decay = Uniform(random, 2, 4) * SampleRate / 1000;    // time constant in samples
        double amplitude = Uniform(random, 0.4, 1.0);
        Span<double> axisGain = [0.5, 1, 0.2];
        for (double impact = Uniform(random, 0, period); impact < Length; impact += period)
        {
            double strength = amplitude * Uniform(random, 0.7, 1.3);
            for (int t = (int)Math.Ceiling(impact); t < Length; t++)
            {
                double since = t - impact;
                double ring = strength * Math.Exp(-since / decay) * Math.Sin(2 * Math.PI * resonance * since / SampleRate);
                for (int channel = 0; channel < Channels; channel++)
                {
                    signal[(channel * Length) + t] += (float)(axisGain[channel] * ring);
                }
            }
        }
    }

    private static double Uniform(NetworkRandom random, double low, double high) => low + ((high - low) * random.NextDouble());
}
