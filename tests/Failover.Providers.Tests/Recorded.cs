namespace Failover.Providers.Tests;

/// <summary>Response bodies in the providers' real wire formats.</summary>
public static class Recorded
{
    public const string OpenAIText = """
        {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,"model":"gpt-5-mini-2025-08-07",
         "choices":[{"index":0,"message":{"role":"assistant","content":"billing","refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":19,"completion_tokens":10,"total_tokens":29,"prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0},
                  "completion_tokens_details":{"reasoning_tokens":6,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}},
         "service_tier":"default","system_fingerprint":null}
        """;

    public const string OpenAIToolCall = """
        {"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,"model":"gpt-5-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,
           "tool_calls":[{"id":"call_abc123","type":"function","function":{"name":"get_current_weather","arguments":"{\n\"location\": \"Boston, MA\"\n}"}}]},
           "logprobs":null,"finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99}}
        """;

    public const string AnthropicText = """
        {"id":"msg_01XFDUDYJgAACzvnptvVoYEL","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
         "content":[{"type":"text","text":"billing"}],"stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":12,"cache_creation_input_tokens":0,"cache_read_input_tokens":3,"output_tokens":6,"service_tier":"standard"}}
        """;

    public const string AnthropicToolUse = """
        {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5",
         "content":[{"type":"text","text":"I'll check the weather."},
                    {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"location":"San Francisco, CA","unit":"celsius"}}],
         "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":384,"output_tokens":92}}
        """;

    public const string GeminiText = """
        {"candidates":[{"content":{"parts":[{"text":"billing"}],"role":"model"},"finishReason":"STOP","index":0}],
         "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":1,"totalTokenCount":30,"thoughtsTokenCount":21,
           "promptTokensDetails":[{"modality":"TEXT","tokenCount":8}]},
         "modelVersion":"gemini-2.5-flash","responseId":"mGuLaNbGM9vYz7IP-N2BiQ0"}
        """;

    public const string GeminiFunctionCall = """
        {"candidates":[{"content":{"parts":[{"functionCall":{"name":"get_weather","args":{"location":"Paris"}}}],"role":"model"},
           "finishReason":"STOP","index":0}],
         "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":5,"totalTokenCount":45},"modelVersion":"gemini-2.5-flash"}
        """;

    public const string GeminiPromptBlocked = """
        {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},
         "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash"}
        """;

    public const string GeminiAnswerBlocked = """
        {"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH","blocked":true}]}],
         "usageMetadata":{"promptTokenCount":9,"totalTokenCount":9},"modelVersion":"gemini-2.5-flash"}
        """;
}
