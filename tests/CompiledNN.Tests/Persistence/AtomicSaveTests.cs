using System;
using System.IO;
using System.Linq;
using System.Text;
using CompiledNN.Tests.Networks;
using Xunit;

namespace CompiledNN.Tests.Persistence;

/// <summary>
/// <c>Save(path)</c> replaces only the content: the file keeps its permissions, a symbolic link keeps pointing where it
/// did and its target gets the new content, any name the file system accepts works, and temporary files that killed
/// saves of the same file left are removed (those of live saves and of other files are not).
/// </summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compilednn-save-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead)]
    public void SaveKeepsTheFilesMode(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string path = Path.Combine(_directory, "net.json");
        new IrisNet(seed: 1).Save(path);
        File.SetUnixFileMode(path, mode);

        new IrisNet(seed: 2).Save(path);

        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(Fixtures.Bits(new IrisNet(seed: 2)), Fixtures.Bits(IrisNet.Load(path)));
    }

    [Fact]
    public void SaveThroughASymbolicLinkReplacesItsTargetAndKeepsTheLink()
    {
        string models = Directory.CreateDirectory(Path.Combine(_directory, "models")).FullName;
        string target = Path.Combine(models, "v1.json");
        new IrisNet(seed: 1).Save(target);
        string link = Path.Combine(_directory, "current.json");
        File.CreateSymbolicLink(link, Path.Combine("models", "v1.json"));
        string linkToLink = Path.Combine(_directory, "latest.json");
        File.CreateSymbolicLink(linkToLink, "current.json");

        new IrisNet(seed: 2).Save(linkToLink);

        Assert.Equal("current.json", new FileInfo(linkToLink).LinkTarget);
        Assert.Equal(Path.Combine("models", "v1.json"), new FileInfo(link).LinkTarget);
        Assert.Equal(Fixtures.Bits(new IrisNet(seed: 2)), Fixtures.Bits(IrisNet.Load(target)));
        Assert.Equal(["v1.json"], Directory.GetFiles(models).Select(Path.GetFileName));
        Assert.Equal(["current.json", "latest.json"], Directory.GetFiles(_directory).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData(217)]
    [InlineData(255)]
    public void NamesAsLongAsTheFileSystemAllowsWork(int length)
    {
        string name = new string('n', length - ".json".Length) + ".json";
        string path = Path.Combine(_directory, name);

        new IrisNet(seed: 1).Save(path);
        new IrisNet(seed: 2).Save(path);

        Assert.Equal(Fixtures.Bits(new IrisNet(seed: 2)), Fixtures.Bits(IrisNet.Load(path)));
        Assert.Equal([name], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }

    [Fact]
    public void SaveRemovesTheStaleTemporariesOfItsFileOnly()
    {
        string path = Path.Combine(_directory, "net.json");
        string stale = Path.Combine(_directory, TemporaryPrefix("net.json") + "0123456789ab.tmp");
        string live = Path.Combine(_directory, TemporaryPrefix("net.json") + "ba9876543210.tmp");
        string otherFiles = Path.Combine(_directory, TemporaryPrefix("other.json") + "0123456789ab.tmp");
        foreach (string temporary in new[] { stale, live, otherFiles })
        {
            File.WriteAllText(temporary, "half a file");
        }

        // A save under way holds its temporary open this way.
        using (new FileStream(live, FileMode.Open, FileAccess.Write, FileShare.Delete))
        {
            new IrisNet(seed: 1).Save(path);
        }

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(otherFiles));
        Assert.True(File.Exists(live));
        Assert.Equal(Fixtures.Bits(new IrisNet(seed: 1)), Fixtures.Bits(IrisNet.Load(path)));
    }

    /// <summary>The start of the temporary names of saves of <paramref name="fileName"/>: a dot, the name's CRC-32 (zlib's), a dash.</summary>
    internal static string TemporaryPrefix(string fileName)
    {
        uint crc = 0xFFFFFFFFu;
        foreach (byte b in Encoding.UTF8.GetBytes(fileName))
        {
            crc ^= b;
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return "." + (crc ^ 0xFFFFFFFFu).ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "-";
    }
}
