using System;
using System.ComponentModel;

namespace CompiledNN.Runtime;

/// <summary>
/// A dense layer's int8 weights as the int8 kernels read them: panels of <see cref="PanelUnits"/> units, each a run of
/// groups of <see cref="GroupInputs"/> inputs, unit by unit. One group of a panel is one 64-byte line whose 32-bit lanes
/// each hold one unit's four weights, so a broadcast of four quantised inputs multiplies sixteen units at once and no sum
/// is ever reduced across lanes. Missing units of the last panel and missing inputs of the last group are zeros.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class Int8Panels
{
    /// <summary>Units of a panel: two 256-bit vectors of int32 sums.</summary>
    public const int PanelUnits = 16;

    /// <summary>Inputs of a group: the four products one int32 lane of <c>vpdpbusd</c> sums.</summary>
    public const int GroupInputs = 4;

    /// <summary>Bytes of one group of a panel.</summary>
    internal const int GroupBytes = PanelUnits * GroupInputs;

    /// <summary>Packs the weights <c>W[units, inputs]</c>, given unit by unit, once, when a network's class is first used.</summary>
    /// <param name="weights">The int8 weights, <paramref name="units"/> × <paramref name="inputs"/>.</param>
    /// <param name="inputs">Inputs of the layer, 1 to <see cref="QuantizedKernels.MaxInputs"/>.</param>
    /// <param name="units">Units of the layer.</param>
    public Int8Panels(ReadOnlySpan<sbyte> weights, int inputs, int units)
    {
        if (inputs <= 0 || inputs > QuantizedKernels.MaxInputs || units <= 0 || weights.Length != (long)units * inputs)
        {
            throw new ArgumentException($"Expected {units} × {inputs} int8 weights (inputs 1 to {QuantizedKernels.MaxInputs}, units ≥ 1), got {weights.Length}.", nameof(weights));
        }

        Inputs = inputs;
        Units = units;
        Groups = (inputs + GroupInputs - 1) / GroupInputs;
        Data = new sbyte[(units + PanelUnits - 1) / PanelUnits * Groups * GroupBytes];
        Sums = new int[units];
        for (int j = 0; j < units; j++)
        {
            int panelStart = j / PanelUnits * Groups * GroupBytes;
            int lane = j % PanelUnits * GroupInputs;
            int sum = 0;
            for (int i = 0; i < inputs; i++)
            {
                sbyte w = weights[(j * inputs) + i];
                Data[panelStart + (i / GroupInputs * GroupBytes) + lane + (i % GroupInputs)] = w;
                sum += w;
            }

            Sums[j] = sum;
        }
    }

    /// <summary>Inputs of the layer.</summary>
    public int Inputs { get; }

    /// <summary>Units of the layer.</summary>
    public int Units { get; }

    /// <summary>Groups of inputs in each panel.</summary>
    internal int Groups { get; }

    /// <summary>The panels, one after the other.</summary>
    internal sbyte[] Data { get; }

    /// <summary>Each unit's sum of its int8 weights, which takes each row's zero point out of the products.</summary>
    internal int[] Sums { get; }
}
