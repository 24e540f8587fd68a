namespace Storefront.Tests.Infrastructure;

public static class TestStripe
{
    public const string SecretKey = "sk_test_storefront_tests";
    public const string WebhookSecret = "whsec_storefront_tests";
}
