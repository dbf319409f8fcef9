using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;

namespace Failover.Testing.Internal;

/// <summary>The bodies of the three providers' model list endpoints, in their real shapes (with their pagination fields).</summary>
internal static class ModelListBodies
{
    /// <summary>OpenAI <c>GET /v1/models</c>: <c>{ "object": "list", "data": [ { "id", "object", "created", "owned_by" } ] }</c>, never paged.</summary>
    public static string OpenAI(IEnumerable<SimulatedListedModel> models, DateTimeOffset now)
    {
        var data = new JsonArray();
        foreach (var model in models)
        {
            data.Add(new JsonObject { ["id"] = model.Id, ["object"] = "model", ["created"] = (model.CreatedAt ?? now).ToUnixTimeSeconds(), ["owned_by"] = "simulator" });
        }

        return Wire.Json(new JsonObject { ["object"] = "list", ["data"] = data });
    }

    /// <summary>Anthropic <c>GET /v1/models?limit=&amp;after_id=</c>: <c>{ "data": [...], "has_more", "first_id", "last_id" }</c>.</summary>
    public static string Anthropic(IReadOnlyList<SimulatedListedModel> models, int start, int limit, DateTimeOffset now)
    {
        var page = models.Skip(start).Take(limit).ToList();
        var data = new JsonArray();
        foreach (var model in page)
        {
            var item = new JsonObject
            {
                ["type"] = "model",
                ["id"] = model.Id,
                ["display_name"] = model.DisplayName ?? model.Id,
                ["created_at"] = (model.CreatedAt ?? now).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            };
            if (model.InputTokenLimit is { } input)
            {
                item["max_input_tokens"] = input;
            }

            if (model.OutputTokenLimit is { } output)
            {
                item["max_tokens"] = output;
            }

            if (model.ImageInput is not null || model.StructuredOutputs is not null)
            {
                item["capabilities"] = new JsonObject
                {
                    ["image_input"] = new JsonObject { ["supported"] = model.ImageInput ?? false },
                    ["structured_outputs"] = new JsonObject { ["supported"] = model.StructuredOutputs ?? false },
                };
            }

            data.Add(item);
        }

        return Wire.Json(new JsonObject
        {
            ["data"] = data,
            ["has_more"] = start + page.Count < models.Count,
            ["first_id"] = page.Count > 0 ? page[0].Id : null,
            ["last_id"] = page.Count > 0 ? page[^1].Id : null,
        });
    }

    /// <summary>Gemini <c>GET /v1beta/models?pageSize=&amp;pageToken=</c>: <c>{ "models": [...], "nextPageToken" }</c>; the token is the offset of the next page.</summary>
    public static string Gemini(IReadOnlyList<SimulatedListedModel> models, int start, int pageSize)
    {
        var page = models.Skip(start).Take(pageSize).ToList();
        var list = new JsonArray();
        foreach (var model in page)
        {
            var item = new JsonObject
            {
                ["name"] = "models/" + model.Id,
                ["version"] = "001",
                ["displayName"] = model.DisplayName ?? model.Id,
            };
            if (model.InputTokenLimit is { } input)
            {
                item["inputTokenLimit"] = input;
            }

            if (model.OutputTokenLimit is { } output)
            {
                item["outputTokenLimit"] = output;
            }

            var methods = new JsonArray();
            foreach (var method in model.SupportedGenerationMethods ?? ["generateContent", "streamGenerateContent", "countTokens"])
            {
                methods.Add(method);
            }

            item["supportedGenerationMethods"] = methods;
            list.Add(item);
        }

        var body = new JsonObject { ["models"] = list };
        if (start + page.Count < models.Count)
        {
            body["nextPageToken"] = (start + page.Count).ToString(CultureInfo.InvariantCulture);
        }

        return Wire.Json(body);
    }

    /// <summary>The body for a scripted fault, or null for <see cref="ModelListFault.None"/>.</summary>
    public static string? Faulty(ModelListFault fault, string body) => fault switch
    {
        ModelListFault.Garbage => "<html><body><h1>Service Temporarily Unavailable</h1></body></html>",
        ModelListFault.Truncated => body[..(body.Length / 2)],
        ModelListFault.WrongShape => "{\"object\":\"error\",\"items\":42}",
        _ => null,
    };
}
