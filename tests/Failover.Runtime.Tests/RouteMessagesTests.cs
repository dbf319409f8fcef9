using Failover;
using Microsoft.Extensions.AI;
using Xunit;

namespace Failover.Runtime.Tests;

/// <summary>The message building every generated route method shares (it used to be inlined per method).</summary>
public sealed class RouteMessagesTests
{
    [Fact]
    public void Prompt_sends_the_system_prompt_then_the_user_prompt_and_leaves_out_what_the_route_has_not()
    {
        var both = RouteMessages.Prompt("Be brief.", "Hello");
        Assert.Equal([ChatRole.System, ChatRole.User], both.Select(static m => m.Role));
        Assert.Equal(["Be brief.", "Hello"], both.Select(static m => m.Text));

        var user = Assert.Single(RouteMessages.Prompt(null, "Hello"));
        Assert.Equal(ChatRole.User, user.Role);
        Assert.Empty(RouteMessages.Prompt(null, null));
    }

    [Fact]
    public void Conversation_goes_between_the_system_and_the_user_prompt()
    {
        ChatMessage[] conversation = [new(ChatRole.User, "first"), new(ChatRole.Assistant, "second")];

        var messages = RouteMessages.Conversation("Be brief.", conversation, "third");

        Assert.Equal(["Be brief.", "first", "second", "third"], messages.Select(static m => m.Text));
        Assert.Equal(4, messages.Capacity);
        Assert.Equal(["first", "second"], RouteMessages.Conversation(null, conversation, null).Select(static m => m.Text));
    }

    [Fact]
    public void A_null_conversation_names_the_route_method_parameter()
    {
        IReadOnlyList<ChatMessage> history = null!;

        var error = Assert.Throws<ArgumentNullException>(() => RouteMessages.Conversation(null, history, "x"));

        Assert.Equal("history", error.ParamName);
        Assert.Equal("history", Assert.Throws<ArgumentNullException>(() => RouteMessages.ConversationFamilies(null, history, "x", [])).ParamName);
    }

    [Fact]
    public void Families_keep_the_default_messages_and_record_each_family_text()
    {
        var messages = RouteMessages.PromptFamilies("Default system.", "Default prompt.", [("Family system.", null), (null, "Family prompt.")]);

        Assert.IsType<PromptMessages>(messages);
        Assert.Equal(["Default system.", "Default prompt."], messages.Select(static m => m.Text));
    }
}
