using Agents.Core.Actions;
using Agents.Core.Recipes;

namespace Agents.Core.Tests.Recipes;

public sealed class RecipeLoaderTests
{
    private static readonly string[] Known = ["calculator", "fetch_page", "read_file"];

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(relative);
    }

    private static RecipeException Fails(string yaml, IEnumerable<string>? known = null) =>
        Assert.Throws<RecipeException>(() => RecipeLoader.Parse(yaml, "test.yaml", Path.GetTempPath(), known ?? Known));

    [Theory]
    [InlineData("samples/recipes/calculator-agent.yaml")]
    [InlineData("samples/recipes/chat-agent.yaml")]
    public void Load_SampleRecipes_AreValid(string relative)
    {
        var recipe = RecipeLoader.Load(RepoFile(relative), Known);
        Assert.False(string.IsNullOrWhiteSpace(recipe.Name));
        Assert.NotEmpty(recipe.Tools);
        Assert.StartsWith("hf:", recipe.Model.Ref, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FullRecipe_ReadsEverySection()
    {
        var recipe = RecipeLoader.Parse("""
            name: demo
            description: d
            model:
              endpoint: http://127.0.0.1:8080/v1
              id: qwen
              template: chatml
              sampling: { temperature: 0.5, top_p: 0.9, max_tokens: 100, seed: 7 }
            instructions: be brief
            tools:
              - calculator
              - read_file: { root: ./data, read_only: true, max_bytes: 1000, exts: [txt, md] }
              - name: fetch_page
                allowed_hosts: [example.org]
            memory: { store: notes, top_k: 2, min_score: 0.5 }
            limits: { max_steps: 4, max_tool_calls: 3, max_seconds: 9.5, max_tokens: 500, max_consecutive_errors: 2 }
            action_format: json
            grammar: yes
            """, "demo.yaml", "/tmp", Known);

        Assert.Equal("qwen", recipe.Model.Id);
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1"), recipe.Model.Endpoint);
        Assert.Equal(0.5, recipe.Model.Sampling.Temperature);
        Assert.Equal(7, recipe.Model.Sampling.Seed);
        Assert.Equal(["calculator", "read_file", "fetch_page"], recipe.Tools.Select(t => t.Name));
        Assert.Equal("./data", recipe.Tools[1].Settings.GetString("root"));
        Assert.True(recipe.Tools[1].Settings.GetBool("read_only"));
        Assert.Equal(1000, recipe.Tools[1].Settings.GetInt64("max_bytes", 0));
        Assert.Equal(["txt", "md"], recipe.Tools[1].Settings.GetList("exts"));
        Assert.Equal(["example.org"], recipe.Tools[2].Settings.GetList("allowed_hosts"));
        Assert.Equal(new RecipeMemory("notes", 2, 0.5), recipe.Memory);
        Assert.Equal(TimeSpan.FromSeconds(9.5), recipe.Limits.MaxTime);
        Assert.Equal(2, recipe.Limits.MaxConsecutiveErrors);
        Assert.Equal(ActionFormat.Json, recipe.ActionFormat);
        Assert.True(recipe.Grammar);
        var definition = recipe.ToDefinition([]);
        Assert.Equal(100, definition.ChatOptions!.MaxOutputTokens);
        Assert.Equal(2, definition.MemoryTopK);
    }

    [Theory]
    [InlineData("name: a\nmodel:\n  ref: x\ncolour: red\n", 4, 1, "unknown key 'colour'")]
    [InlineData("name: a\nmodel:\n  ref: x\n  temprature: 1\n", 4, 3, "unknown key 'temprature' in 'model'")]
    [InlineData("name: a\nmodel:\n  ref: x\nlimits:\n  max_steps: ten\n", 5, 14, "'max_steps' must be a whole number")]
    [InlineData("name: a\nmodel:\n  ref: x\nlimits:\n  max_steps: 0\n", 5, 14, "between 1 and")]
    [InlineData("name: a\nmodel:\n  ref: x\ngrammar: maybe\n", 4, 10, "true or false")]
    [InlineData("name: a\nmodel:\n  ref: x\naction_format: yaml\n", 4, 16, "must be one of auto, react, json, xml, bracket")]
    [InlineData("name: a\nmodel:\n  ref: x\ntools:\n  - calculator\n  - rm_rf\n", 6, 5, "unknown tool 'rm_rf'")]
    [InlineData("name: a\nmodel:\n  path: nowhere/model.gguf\n", 3, 9, "file not found: 'nowhere/model.gguf'")]
    [InlineData("name: a\nmodel:\n  ref: x\n  path: y.gguf\n", 3, 3, "give exactly one")]
    [InlineData("name: a\nmodel:\n  template: chatml\n", 3, 3, "one of 'path', 'ref' or 'endpoint'")]
    [InlineData("name: a\nmodel:\n  endpoint: ftp://x\n", 3, 13, "http(s) URL")]
    [InlineData("name: a\nmodel: { ref: x }\nprompts:\n  system: \"{{ if x }}\"\n", 4, 11, "prompt template error")]
    [InlineData("name: a\nmodel: { ref: x }\ntools: calculator\n", 3, 8, "must be a list")]
    [InlineData("model: { ref: x }\n", 1, 1, "missing required key 'name'")]
    [InlineData("name: a\n", 1, 1, "missing required key 'model'")]
    [InlineData("name: a\nmodel: { ref: x\n", 3, 1, "YAML syntax")]
    [InlineData("name: a\nname: b\nmodel: { ref: x }\n", 2, 1, "")]
    [InlineData("name: a\nmodel: { ref: x }\nlimits:\n  max_seconds: \"5\"\n", 4, 16, "must be a number")]
    [InlineData("name: a\nmodel: { ref: x }\ntools: [calculator, calculator]\n", 3, 21, "listed twice")]
    public void Parse_BadRecipe_ThrowsWithPosition(string yaml, int line, int column, string fragment)
    {
        var ex = Fails(yaml);
        Assert.Equal("test.yaml", ex.File);
        Assert.Equal(line, ex.Line);
        Assert.Equal(column, ex.Column);
        Assert.Contains(fragment, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"test.yaml:{line}:{column}: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsRecipeException()
    {
        var ex = Assert.Throws<RecipeException>(() => RecipeLoader.Load("/nope/recipe.yaml"));
        Assert.Contains("recipe file not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_RelativeModelPath_ResolvesAgainstRecipeFolder()
    {
        var dir = Directory.CreateTempSubdirectory("recipe");
        File.WriteAllText(Path.Combine(dir.FullName, "m.gguf"), "x");
        File.WriteAllText(Path.Combine(dir.FullName, "r.yaml"), "name: a\nmodel:\n  path: m.gguf\n  lora: [m.gguf]\n");

        var recipe = RecipeLoader.Load(Path.Combine(dir.FullName, "r.yaml"));

        Assert.Equal(Path.Combine(dir.FullName, "m.gguf"), recipe.Model.Path);
        Assert.Equal([Path.Combine(dir.FullName, "m.gguf")], recipe.Model.Lora);
        dir.Delete(true);
    }
}
