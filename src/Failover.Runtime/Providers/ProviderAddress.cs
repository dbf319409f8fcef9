using System;

namespace Failover;

/// <summary>
/// Checks and prints provider base addresses. A key in a URL (<c>?key=...</c>, <c>?api-key=...</c>,
/// <c>https://user:secret@host</c>) would be printed by every message, trace and metadata that names the address,
/// and request paths are resolved against the base, which drops its query anyway: such addresses are rejected
/// when the provider is registered, and the error never repeats the query or the user info.
/// </summary>
internal static class ProviderAddress
{
    /// <summary>Throws <see cref="ArgumentException"/> when the base address carries a query, a fragment or user info.</summary>
    public static void Validate(string providerName, Uri? baseUrl, string parameterName)
    {
        if (baseUrl is null || !baseUrl.IsAbsoluteUri)
        {
            return;
        }

        var part = baseUrl.Query.Length > 0 ? "a query string"
            : baseUrl.UserInfo.Length > 0 ? "user info (user:password@)"
            : baseUrl.Fragment.Length > 0 ? "a fragment"
            : null;
        if (part is not null)
        {
            throw new ArgumentException(
                $"The base URL of provider '{providerName}' ({Safe(baseUrl)}) carries {part}, which is not sent with requests and would print " +
                "any key it holds in logs and metadata. Pass the key as the apiKey argument, or send it in a header: " +
                "options.Headers[\"api-key\"] = key (header values are never logged and are redacted from provider errors).",
                parameterName);
        }
    }

    /// <summary>The address without user info, query or fragment: what messages, metadata and ToString() may show.</summary>
    public static string Safe(Uri baseUrl) =>
        baseUrl.IsAbsoluteUri
            ? baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
            : "(relative address)";
}
