using System;

namespace Failover;

/// <summary>The fields a provider's error body carried, before classification.</summary>
/// <param name="Type">The error type (OpenAI <c>error.type</c>, Anthropic <c>error.type</c>, Gemini <c>error.status</c>).</param>
/// <param name="Code">The more specific code (OpenAI <c>error.code</c>, Gemini <c>ErrorInfo.reason</c>).</param>
/// <param name="Message">The provider's human-readable message.</param>
/// <param name="RetryDelay">A wait the body asked for (Gemini <c>RetryInfo.retryDelay</c>), used when no header says.</param>
internal readonly record struct ProviderError(string? Type, string? Code, string? Message, TimeSpan? RetryDelay = null);
