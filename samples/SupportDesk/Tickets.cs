namespace SupportDesk;

/// <summary>The support tickets of the day, and the answers the simulated models give to the sample's prompts.</summary>
public static class Tickets
{
    public static readonly string[] Today =
    [
        "I was charged twice for order #10231, $49.00 each time.",
        "The export button crashes the app since the last update.",
        "Please change the email address on my account.",
        "Refund for order #10244 ($120.00) has not arrived yet.",
        "Search returns no results for names with accents.",
        "Can I get an invoice for order #10251 for $15.50?",
        "Two-factor codes never arrive by SMS.",
        "The dashboard shows yesterday's numbers only.",
        "Order #10262 was billed $89.90 instead of $79.90.",
        "How do I close my account?",
        "Dark mode resets after every login.",
        "I need a copy of the receipt for order #10270, $230.00.",
        "The mobile app logs me out every few minutes.",
        "I was charged $12.00 for a plan I cancelled, order #10288.",
        "Notifications arrive twice on Android.",
    ];

    /// <summary>What a simulated model answers, judged from the prompt the route sent.</summary>
    public static string Answer(string prompt)
    {
        var ticket = prompt[(prompt.IndexOf("Ticket: ", StringComparison.Ordinal) + "Ticket: ".Length)..];
        if (prompt.StartsWith("Classify", StringComparison.Ordinal))
        {
            return Category(ticket);
        }

        if (prompt.StartsWith("Extract", StringComparison.Ordinal))
        {
            var order = ticket.Split(' ').FirstOrDefault(static w => w.StartsWith('#'))?.Trim('.', ',', '#');
            var amount = ticket.Split(' ').FirstOrDefault(static w => w.StartsWith('$'))?.Trim('.', ',', '(', ')', '$', '?');
            return $"{{\"order\":{(order is null ? "null" : "\"" + order + "\"")},\"amount\":{amount ?? "null"}}}";
        }

        return "Thanks for reaching out. We have looked into your request and a member of the team will follow up within one business day.";
    }

    private static string Category(string ticket) =>
        ticket.Contains("order", StringComparison.OrdinalIgnoreCase) || ticket.Contains("charged", StringComparison.OrdinalIgnoreCase) ? "billing"
        : ticket.Contains("account", StringComparison.OrdinalIgnoreCase) || ticket.Contains("email", StringComparison.OrdinalIgnoreCase) ? "account"
        : "bug";
}
