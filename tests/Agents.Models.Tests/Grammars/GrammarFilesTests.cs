using Agents.Models.Grammars;

namespace Agents.Models.Tests.Grammars;

public sealed class GrammarFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("h7-grammar-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void LoadGbnf_ValidFile_ReturnsText()
    {
        string path = Write("chess.gbnf", ValidGrammars.Chess);
        Assert.Equal(ValidGrammars.Chess, GrammarFiles.LoadGbnf(path));
    }

    [Fact]
    public void LoadGbnf_InvalidFile_ErrorNamesFileLineColumn()
    {
        string path = Write("bad.gbnf", "root ::= item\nitem ::= \"a\" | [bc\n");
        var ex = Assert.Throws<GrammarException>(() => GrammarFiles.LoadGbnf(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal((2, 16), (ex.Line, ex.Column));
        Assert.StartsWith($"{path}:2:16: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadGbnf_MissingFile_Throws()
    {
        var ex = Assert.Throws<GrammarException>(() => GrammarFiles.LoadGbnf(Path.Combine(_dir, "nope.gbnf")));
        Assert.Contains("file not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadJsonSchemaAsGbnf_ValidSchema_ReturnsValidGrammar()
    {
        string path = Write("person.json", JsonSchemaGrammarTests.PersonSchema);
        GbnfValidator.Validate(GrammarFiles.LoadJsonSchemaAsGbnf(path));
    }

    [Fact]
    public void LoadJsonSchemaAsGbnf_UnsupportedKeyword_ErrorPointsAtIt()
    {
        string path = Write("s.json", "{\n  \"type\": \"object\",\n  \"properties\": {\n    \"a\": { \"type\": \"string\", \"not\": {} }\n  }\n}\n");
        var ex = Assert.Throws<GrammarException>(() => GrammarFiles.LoadJsonSchemaAsGbnf(path));
        Assert.Equal(path, ex.FilePath);
        Assert.Equal((4, 37), (ex.Line, ex.Column));
        Assert.Contains("$.properties.a.not", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadJsonSchemaAsGbnf_BrokenJson_ErrorHasLine()
    {
        string path = Write("broken.json", "{\n  \"type\": \"object\"\n  \"x\": 1\n}");
        var ex = Assert.Throws<GrammarException>(() => GrammarFiles.LoadJsonSchemaAsGbnf(path));
        Assert.Equal(3, ex.Line);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }
}
