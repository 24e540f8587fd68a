using Storefront.Core.Mail;

namespace Storefront.Payments.Checkout;

/// <summary>The optional email a buyer gives before Checkout (codes once per customer), passed on as <c>customer_email</c>.</summary>
public static class CheckoutEmail
{
    /// <summary>False for text that is not one plain address; <paramref name="email"/> is null when nothing was typed.</summary>
    public static bool TryRead(string? typed, out string? email)
    {
        email = string.IsNullOrWhiteSpace(typed) ? null : typed.Trim();
        return email is null || (email.Length <= 254 && EmailAddressSyntax.IsPlainAddress(email));
    }
}
