using System.Text.Json;

namespace Ward.Cli.Tests;

/// <summary>
/// Answers in JSON say what reading the inputs left out: the AWS sample account next to a note and a JSON file no
/// reader takes, against the account alone.
/// </summary>
public sealed class AnswerInputsTests : IDisposable
{
    private const string Bob = "arn:aws:iam::444455556666:user/bob.martin";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ward-answer-inputs-");

    public AnswerInputsTests()
    {
        var account = Path.Combine(Repository.Root, "samples", "aws", "444455556666");
        var copy = Directory.CreateDirectory(Path.Combine(_folder.FullName, "444455556666"));
        foreach (var file in Directory.EnumerateFiles(account))
        {
            File.Copy(file, Path.Combine(copy.FullName, Path.GetFileName(file)));
        }
    }

    [Fact]
    public void A_can_answer_lists_the_files_no_reader_took()
    {
        File.WriteAllText(Path.Combine(_folder.FullName, "notes.txt"), "exported on Monday\n");
        File.WriteAllText(Path.Combine(_folder.FullName, "inventory.json"), """{"servers": ["web-1", "web-2"]}""");

        var inputs = InputsOf("can", "-i", _folder.FullName, Bob, "s3:GetObject", "arn:aws:s3:::nw-public-assets/logo.png", "--format", "json");

        var skipped = inputs.GetProperty("skipped").EnumerateArray().Select(s => (Path.GetFileName(s.GetProperty("path").GetString()), s.GetProperty("reason").GetString())).ToList();
        Assert.Equal(["inventory.json", "notes.txt"], skipped.Select(s => s.Item1).Order(StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.All(skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Item2)));
        Assert.Equal(0, inputs.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Who_can_and_what_can_answers_say_it_too_and_nothing_is_listed_when_everything_was_read()
    {
        var whoCan = InputsOf("who-can", "-i", _folder.FullName, "s3:GetObject", "arn:aws:s3:::nw-public-assets/logo.png", "--format", "json");
        var whatCan = InputsOf("what-can", "-i", _folder.FullName, Bob, "--format", "json");

        Assert.Empty(whoCan.GetProperty("skipped").EnumerateArray());
        Assert.Empty(whatCan.GetProperty("skipped").EnumerateArray());
        Assert.Equal(0, whoCan.GetProperty("errors").GetInt32());
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static JsonElement InputsOf(params string[] args)
    {
        var (exitCode, output) = WardRunner.Run(args);
        Assert.True(exitCode == 0, output);
        return JsonDocument.Parse(output).RootElement.GetProperty("inputs").Clone();
    }
}
