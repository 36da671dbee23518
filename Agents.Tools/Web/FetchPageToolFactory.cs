using System.Globalization;
using Agents.Core.Tools;
using Microsoft.Extensions.AI;

namespace Agents.Tools.Web;

/// <summary>
/// Makes the <c>fetch_page</c> tool. Settings (all optional): <c>allowed_hosts</c> (list of host names that
/// may be private, e.g. <c>[intranet.local]</c>), <c>timeout_seconds</c> (10), <c>max_bytes</c> (2 MB),
/// <c>max_redirects</c> (5), <c>max_chars</c> (20,000), <c>max_links</c> (40), <c>user_agent</c>.
/// </summary>
public sealed class FetchPageToolFactory : IAgentToolFactory
{
    /// <inheritdoc />
    public string Name => FetchPageTool.ToolName;

    /// <summary>Reads <see cref="WebFetchOptions"/> from recipe settings.</summary>
    public static WebFetchOptions ReadOptions(ToolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var d = new WebFetchOptions();
        var seconds = settings.GetString("timeout_seconds");
        var options = new WebFetchOptions
        {
            Timeout = seconds is null ? d.Timeout : TimeSpan.FromSeconds(double.Parse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture)),
            MaxBytes = settings.GetInt64("max_bytes", d.MaxBytes),
            MaxRedirects = (int)settings.GetInt64("max_redirects", d.MaxRedirects),
            MaxTextChars = (int)settings.GetInt64("max_chars", d.MaxTextChars),
            MaxLinks = (int)settings.GetInt64("max_links", d.MaxLinks),
            UserAgent = settings.GetString("user_agent") ?? d.UserAgent,
        };
        foreach (var host in settings.GetList("allowed_hosts"))
        {
            options.AllowedHosts.Add(host);
        }

        return options;
    }

    /// <inheritdoc />
    public AIFunction Create(ToolSettings settings, IServiceProvider services)
    {
        var options = ReadOptions(settings);
        return new FetchPageTool(new PageFetcher(options), options.MaxTextChars);
    }
}
