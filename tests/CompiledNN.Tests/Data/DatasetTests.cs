using System;
using System.Linq;
using CompiledNN.Data;
using Xunit;

namespace CompiledNN.Tests.Data;

public sealed class DatasetTests
{
    // Row i has feature i and class i % 3 (rows of class 2 are rarer when the count is not a multiple of 3).
    private static Dataset Numbered(int count) =>
        new(Enumerable.Range(0, count).Select(i => (float)i).ToArray(), 1, OneHot.Encode(Enumerable.Range(0, count).Select(i => i % 3).ToArray(), 3), 3, ["a", "b", "c"]);

    private static float[] Rows(Dataset data) => data.Features.ToArray();

    [Fact]
    public void Rows_slices_and_selections_copy_the_right_values()
    {
        var data = Numbered(6);

        Assert.Equal([4f], data.FeatureRow(4).ToArray());
        Assert.Equal([0f, 1f, 0f], data.TargetRow(4).ToArray());
        Assert.Equal(1, data.ClassOf(4));
        Assert.Equal([2f, 3f, 4f], Rows(data.Slice(2, 3)));
        Assert.Equal([5f, 0f, 5f], Rows(data.Select([5, 0, 5])));
        Assert.Equal(["a", "b", "c"], data.Slice(0, 1).ClassNames);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Slice(4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.FeatureRow(6));
    }

    [Fact]
    public void Construction_rejects_ragged_rows_and_non_finite_values()
    {
        Assert.Contains("multiple of 2", Assert.Throws<ArgumentException>(() => new Dataset([1, 2, 3], 2, [0], 1)).Message);
        Assert.Contains("2 rows of 1", Assert.Throws<ArgumentException>(() => new Dataset([1, 2, 3, 4], 2, [0], 1)).Message);
        Assert.Throws<ArgumentException>(() => new Dataset([float.NaN], 1, [0], 1));
        Assert.Throws<ArgumentException>(() => new Dataset([1], 1, [0], 1, ["a", "b"]));
    }

    [Fact]
    public void Split_is_reproducible_disjoint_and_complete()
    {
        var data = Numbered(100);

        var (train, test) = data.Split(0.25, seed: 9);
        var (trainAgain, testAgain) = data.Split(0.25, seed: 9);
        var (_, otherTest) = data.Split(0.25, seed: 10);

        Assert.Equal(25, test.Count);
        Assert.Equal(Rows(test), Rows(testAgain));
        Assert.Equal(Rows(train), Rows(trainAgain));
        Assert.NotEqual(Rows(test), Rows(otherTest));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (float)i), Rows(train).Concat(Rows(test)).Order());
        Assert.True(Rows(test).SequenceEqual(Rows(test).Order()), "rows keep their relative order");
    }

    [Fact]
    public void A_stratified_split_keeps_the_class_proportions()
    {
        var data = Numbered(30); // 10 rows of each class

        var (train, test) = data.Split(0.2, seed: 4, stratified: true);

        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(2, Enumerable.Range(0, test.Count).Count(row => test.ClassOf(row) == c));
            Assert.Equal(8, Enumerable.Range(0, train.Count).Count(row => train.ClassOf(row) == c));
        }
    }

    [Fact]
    public void A_split_that_empties_a_set_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Numbered(10).Split(1.0, 0));
        Assert.Throws<ArgumentException>(() => Numbered(2).Split(0.1, 0));
    }

    [Fact]
    public void One_hot_encoding_sets_one_value_per_row()
    {
        Assert.Equal([0f, 0f, 1f, 1f, 0f, 0f], OneHot.Encode([2, 0], 3));
        Assert.Contains("labels[1] is 3", Assert.Throws<ArgumentOutOfRangeException>(() => OneHot.Encode([0, 3], 3)).Message);
    }
}
