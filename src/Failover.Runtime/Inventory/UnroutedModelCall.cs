namespace Failover;

/// <summary>A model call that bypasses routes (what FO118 reports), listed by the generator for the route inventory.</summary>
/// <param name="Api">What is called, for example <c>IChatClient.GetResponseAsync</c> or <c>OpenAI ChatClient.CompleteChatAsync</c>.</param>
/// <param name="File">The source file, relative to its project.</param>
/// <param name="Line">The 1-based line of the call.</param>
/// <param name="Member">The method (or other member) that makes the call.</param>
/// <param name="Assembly">The assembly it is compiled into.</param>
public sealed record UnroutedModelCall(string Api, string File, int Line, string Member, string Assembly);
