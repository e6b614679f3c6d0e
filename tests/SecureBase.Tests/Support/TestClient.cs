using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace SecureBase.Tests.Support;

/// <summary>A page as a user's browser would receive it.</summary>
public sealed record Page(HttpStatusCode Status, IHtmlDocument Document, HttpResponseMessage Response)
{
    /// <summary>The page's words as a reader sees them: one space between words, however the markup was laid out.</summary>
    public string Text => System.Text.RegularExpressions.Regex.Replace(Document.Body?.TextContent ?? "", @"\s+", " ");
    public string Html => Document.DocumentElement.OuterHtml;
    public string Title => Document.QuerySelector("h1")?.TextContent.Trim() ?? "";

    /// <summary>The error messages shown beside fields and in the error summary.</summary>
    public IReadOnlyList<string> Errors => Document.QuerySelectorAll(".field-error, .error-summary li").Select(e => e.TextContent.Trim()).ToList();
}

/// <summary>
/// A browser session against the in-memory application: keeps cookies, reads pages with
/// AngleSharp and submits forms the way a browser does (hidden fields, antiforgery token included).
/// </summary>
public sealed class TestClient(HttpClient http)
{
    private static readonly HtmlParser Parser = new();

    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<Page> GetPageAsync(string url)
    {
        var response = await GetAsync(url);
        return await ReadAsync(response);
    }

    public static async Task<Page> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return new Page(response.StatusCode, Parser.ParseDocument(html), response);
    }

    public async Task<T?> GetJsonAsync<T>(string url)
    {
        var response = await GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Json.Options);
    }

    /// <summary>Opens a page, fills in its form (the first, or the one matching <paramref name="formSelector"/>) and submits it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? formSelector = null)
    {
        var page = await GetPageAsync(pageUrl);
        if (page.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{pageUrl} answered {(int)page.Status}, so its form cannot be submitted.");
        }

        var form = (formSelector is null ? page.Document.QuerySelector("main form") : page.Document.QuerySelector(formSelector)) as IHtmlFormElement
            ?? throw new InvalidOperationException($"{pageUrl} has no form matching {formSelector ?? "main form"}.");
        // What a browser would send: every named control with its current value, then the test's
        // own values in place of those controls (a null value clears the control).
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements.Where(e => !string.IsNullOrEmpty(e.GetAttribute("name")) && !e.HasAttribute("disabled")))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case IHtmlInputElement input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                    {
                        values.Add(new(name, input.GetAttribute("value") ?? "on"));
                    }

                    break;
                case IHtmlInputElement input when input.Type is "submit" or "button" or "file" or "image" or "reset":
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlSelectElement select:
                    var chosen = select.Options.Where(o => o.IsSelected).ToList();
                    if (chosen.Count == 0 && select.Options.Length > 0 && !select.IsMultiple)
                    {
                        chosen.Add(select.Options[0]!);
                    }

                    values.AddRange(chosen.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
                default:
                    break;
            }
        }

        var given = fields.ToList();
        values.RemoveAll(v => given.Exists(g => g.Key == v.Key));
        values.AddRange(given.Where(g => g.Value is not null));
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await Http.PostAsync(new Uri(target, UriKind.Relative), new FormUrlEncodedContent(values));
    }

    public async Task<Page> SubmitAndReadAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? formSelector = null) =>
        await ReadAsync(await SubmitAsync(pageUrl, fields, formSelector));

    /// <summary>Finds the antiforgery token on a page, for posting by hand.</summary>
    public async Task<string> TokenFromAsync(string pageUrl)
    {
        var page = await GetPageAsync(pageUrl);
        return (page.Document.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement)?.Value
            ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token.");
    }

    public Task<HttpResponseMessage> PostFormAsync(string url, IEnumerable<KeyValuePair<string, string>> values) =>
        Http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(values));
}

public static class Json
{
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(), new SecureBase.Common.EntityIdJsonConverterFactory() },
    };

    /// <summary>The field errors of an RFC 9457 validation problem, by field name.</summary>
    public static Dictionary<string, string[]> Errors(string problemJson) =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string[]>>(
            System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, System.Text.Json.JsonElement>>(problemJson)!["errors"])!;
}

public static class Form
{
    public static KeyValuePair<string, string> Field(string name, string value) => new(name, value);

    /// <summary>Clears a control the page filled in (unticks every box of that name).</summary>
    public static KeyValuePair<string, string> Clear(string name) => new(name, null!);
}
