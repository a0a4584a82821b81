using System;
using System.IO;
using CompiledNN.Generators.Tests.Helpers;
using Xunit;
using Xunit.Sdk;

namespace CompiledNN.Generators.Tests;

/// <summary>
/// The snapshot helper itself, in a temporary folder: the caller-info parameters of <see cref="Snapshot.Verify"/>
/// are given explicitly, so the "test file" lives there and the real snapshots are never touched. Each test starts
/// with <c>ACCEPT_SNAPSHOTS</c> unset (a run that accepts the real snapshots must not accept these mismatches) and
/// the variable is restored afterwards.
/// </summary>
[Collection(EnvironmentVariableCollection.Name)]
public sealed class SnapshotTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "CompiledNN.SnapshotTests." + Guid.NewGuid().ToString("N"));
    private readonly string _testFile;
    private readonly string? _acceptVariable = Environment.GetEnvironmentVariable(Snapshot.AcceptVariable);

    public SnapshotTests()
    {
        Directory.CreateDirectory(_folder);
        _testFile = Path.Combine(_folder, "FakeTests.cs");
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, null);
    }

    private string VerifiedPath => Path.Combine(_folder, "Snapshots", "FakeTests.Method#Net.g.verified.cs");

    private string ReceivedPath => Path.Combine(_folder, "Snapshots", "FakeTests.Method#Net.g.received.cs");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, _acceptVariable);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_matching_snapshot_passes_and_removes_an_old_received_file()
    {
        WriteVerified("line 1\nline 2\n");
        File.WriteAllText(ReceivedPath, "stale");

        Snapshot.Verify("line 1\nline 2\n", "Net.g", testFile: _testFile, testMethod: "Method");

        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Line_endings_do_not_matter()
    {
        WriteVerified("line 1\r\nline 2\r\n");

        Snapshot.Verify("line 1\nline 2\n", "Net.g", testFile: _testFile, testMethod: "Method");
    }

    [Fact]
    public void A_mismatch_writes_the_received_file_and_shows_a_diff()
    {
        string verified = "namespace A;\n\nclass Net\n{\n    int x = 1;\n    int y = 2;\n}\n";
        string received = "namespace A;\n\nclass Net\n{\n    int x = 1;\n    int y = 3;\n}\n";
        WriteVerified(verified);

        XunitException error = Assert.ThrowsAny<XunitException>(() => Snapshot.Verify(received, "Net.g", testFile: _testFile, testMethod: "Method"));

        Assert.Equal(received, File.ReadAllText(ReceivedPath));
        Assert.Equal(verified, File.ReadAllText(VerifiedPath));
        Assert.Contains(VerifiedPath, error.Message);
        Assert.Contains(ReceivedPath, error.Message);
        Assert.Contains(Snapshot.AcceptVariable, error.Message);
        Assert.Contains("-     int y = 2;\n+     int y = 3;", error.Message);
        Assert.Contains("      int x = 1;", error.Message);
        Assert.DoesNotContain("namespace A;", error.Message);
    }

    [Fact]
    public void A_missing_snapshot_fails_and_writes_the_received_file()
    {
        XunitException error = Assert.ThrowsAny<XunitException>(() => Snapshot.Verify("new\n", "Net.g", testFile: _testFile, testMethod: "Method"));

        Assert.Contains("No verified snapshot", error.Message);
        Assert.Equal("new\n", File.ReadAllText(ReceivedPath));
        Assert.False(File.Exists(VerifiedPath));
    }

    [Fact]
    public void The_accept_variable_turns_the_received_text_into_the_snapshot()
    {
        WriteVerified("old\n");
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, "1");

        Snapshot.Verify("new\n", "Net.g", testFile: _testFile, testMethod: "Method");

        Assert.Equal("new\n", File.ReadAllText(VerifiedPath));
        Assert.False(File.Exists(ReceivedPath));
    }

    [Fact]
    public void Only_the_value_1_accepts()
    {
        WriteVerified("old\n");
        Environment.SetEnvironmentVariable(Snapshot.AcceptVariable, "true");

        Assert.ThrowsAny<XunitException>(() => Snapshot.Verify("new\n", "Net.g", testFile: _testFile, testMethod: "Method"));

        Assert.Equal("old\n", File.ReadAllText(VerifiedPath));
    }

    [Fact]
    public void Diff_marks_removed_and_added_lines_with_context()
    {
        string diff = Snapshot.Diff("a\nb\nc\nd\ne\nf\ng\nh", "a\nb\nc\nd\nE\nf\ng\nh");

        Assert.Equal("  …\n  c\n  d\n- e\n+ E\n  f\n  g\n  …\n", diff);
    }

    private void WriteVerified(string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(VerifiedPath)!);
        File.WriteAllText(VerifiedPath, text);
    }
}

/// <summary>
/// Tests that set a process-wide environment variable run in this collection, which xunit runs alone after the
/// parallel ones, so no other snapshot test can see <c>ACCEPT_SNAPSHOTS</c> while it is set.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentVariableCollection
{
    public const string Name = "Environment variable";
}
