using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Agents.Server.Tests.Support;

namespace Agents.Server.Tests.Conversations;

public sealed class ConversationApiTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agents-server-tests-").FullName;

    [Fact]
    public async Task CreateReplaceGetDelete_PersistInSqliteAcrossRestarts()
    {
        var db = Path.Combine(_dir, "conversations.db");
        string id;
        await using (var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.ConversationDatabasePath = db))
        {
            using var http = server.CreateHttpClient();
            using var created = await http.PostAsJsonAsync("/api/conversations", new { title = "First", model = "fake" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
            using var put = await http.PutAsJsonAsync($"/api/conversations/{id}", new
            {
                title = "Renamed",
                messages = new[] { new { role = "user", content = "hi", meta = (string?)null }, new { role = "assistant", content = "<b>hello</b>", meta = (string?)"{\"tokens\":2}" } },
            });
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        await using (var server = await RunningServer.StartWithFakesAsync(new FakeChatClient(), o => o.ConversationDatabasePath = db))
        {
            using var http = server.CreateHttpClient();
            var list = JsonDocument.Parse(await http.GetStringAsync("/api/conversations")).RootElement;
            Assert.Equal("Renamed", Assert.Single(list.EnumerateArray()).GetProperty("title").GetString());
            var conversation = JsonDocument.Parse(await http.GetStringAsync($"/api/conversations/{id}")).RootElement;
            var messages = conversation.GetProperty("messages");
            Assert.Equal("<b>hello</b>", messages[1].GetProperty("content").GetString());
            Assert.Equal("{\"tokens\":2}", messages[1].GetProperty("meta").GetString());
            Assert.Equal(HttpStatusCode.NoContent, (await http.DeleteAsync($"/api/conversations/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/conversations/{id}")).StatusCode);
        }
    }

    [Fact]
    public async Task Replace_BadRole_Returns400()
    {
        await using var server = await RunningServer.StartWithFakesAsync(new FakeChatClient());
        using var http = server.CreateHttpClient();
        using var created = await http.PostAsJsonAsync("/api/conversations", new { title = "x" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var put = await http.PutAsJsonAsync($"/api/conversations/{id}", new { messages = new[] { new { role = "root", content = "x" } } });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
