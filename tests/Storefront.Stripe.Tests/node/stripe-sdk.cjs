// Drives the official Stripe Node SDK (tests/peers, found through NODE_PATH) against a local API base.
// Usage: node stripe-sdk.cjs <scenario>, input JSON on stdin; prints one JSON document.
// Errors are reported with the SDK's own class and fields, so tests assert what a real integration would see.
'use strict';
const Stripe = require('stripe');

const stripe = new Stripe(process.env.STRIPE_KEY, {
  host: process.env.STRIPE_HOST,
  port: Number(process.env.STRIPE_PORT),
  protocol: 'http',
  maxNetworkRetries: 0,
  telemetry: false,
});

const book = (extra = {}) => ({
  mode: 'payment',
  success_url: 'https://shop.example/checkout/success?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'https://shop.example/checkout/cancel',
  client_reference_id: 'order_node_1',
  customer_email: 'zoe@example.com',
  metadata: { order_id: 'order_node_1', product: 'can-bus-field-guide' },
  line_items: [
    { price_data: { currency: 'usd', unit_amount: 2900, product_data: { name: 'CAN Bus Field Guide' } }, quantity: 1 },
    { price_data: { currency: 'usd', unit_amount: 500, product_data: { name: 'Errata sheet' } }, quantity: 2 },
  ],
  ...extra,
});

const describe = (err) => ({
  class: err.constructor.name,
  type: err.type,
  rawType: err.rawType,
  code: err.code ?? null,
  param: err.param ?? null,
  statusCode: err.statusCode ?? null,
  message: err.message,
  requestId: err.requestId ?? null,
  docUrl: err.doc_url ?? null,
  isStripeError: err instanceof Stripe.errors.StripeError,
});

const capture = async (promise) => {
  try {
    return { ok: await promise };
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    return { error: describe(err) };
  }
};

const headers = (obj) => {
  const h = obj.lastResponse.headers;
  return { requestId: obj.lastResponse.requestId, replayed: h['idempotent-replayed'] ?? null, stripeVersion: h['stripe-version'] ?? null };
};

const scenarios = {
  async sessions() {
    const created = await stripe.checkout.sessions.create(book());
    const retrieved = await stripe.checkout.sessions.retrieve(created.id);
    const expired = await stripe.checkout.sessions.expire(created.id);
    const expireAgain = await capture(stripe.checkout.sessions.expire(created.id));
    return { created, createdHeaders: headers(created), retrieved, expired, expireAgain, apiVersion: Stripe.API_VERSION };
  },
  async replay() {
    const first = await stripe.checkout.sessions.create(book(), { idempotencyKey: 'order_node_1-checkout' });
    const second = await stripe.checkout.sessions.create(book(), { idempotencyKey: 'order_node_1-checkout' });
    return { first, firstHeaders: headers(first), second, secondHeaders: headers(second) };
  },
  async mismatch() {
    await stripe.checkout.sessions.create(book(), { idempotencyKey: 'order_node_2-checkout' });
    return capture(stripe.checkout.sessions.create(book({ client_reference_id: 'order_node_3' }), { idempotencyKey: 'order_node_2-checkout' }));
  },
  async missing() {
    const params = book();
    delete params.line_items;
    return capture(stripe.checkout.sessions.create(params));
  },
  async unknown() {
    return capture(stripe.checkout.sessions.create(book({ not_a_stripe_param: 'x' })));
  },
  async retrieve(input) {
    return capture(stripe.checkout.sessions.retrieve(input.id));
  },
  async refunds(input) {
    const partial = await stripe.refunds.create({ payment_intent: input.paymentIntent, amount: 1000, reason: 'requested_by_customer' });
    const rest = await stripe.refunds.create({ payment_intent: input.paymentIntent });
    const again = await capture(stripe.refunds.create({ payment_intent: input.paymentIntent }));
    const unknownIntent = await capture(stripe.refunds.create({ payment_intent: 'pi_does_not_exist' }));
    return { partial, rest, again, unknownIntent };
  },
  async refundDetails(input) {
    const options = { idempotencyKey: 'storefront-refund-node-1' };
    const first = await stripe.refunds.create({ payment_intent: input.paymentIntent, amount: 700, metadata: { storefront_refunded_by: 'ada@example.com' } }, options);
    const replay = await stripe.refunds.create({ payment_intent: input.paymentIntent, amount: 700, metadata: { storefront_refunded_by: 'ada@example.com' } }, options);
    const mismatch = await capture(stripe.refunds.create({ payment_intent: input.paymentIntent, amount: 800 }, options));
    const tooLarge = await capture(stripe.refunds.create({ payment_intent: input.paymentIntent, amount: 99999999 }));
    const badAmount = await capture(stripe.refunds.create({ payment_intent: input.paymentIntent, amount: -5 }));
    const retrieved = await stripe.refunds.retrieve(first.id);
    const missing = await capture(stripe.refunds.retrieve('re_does_not_exist'));
    const created = await stripe.events.list({ type: 'refund.created' });
    const refunded = await stripe.events.list({ type: 'charge.refunded' });
    return {
      first, replayed: replay.lastResponse.headers['idempotent-replayed'] ?? null, replayId: replay.id, mismatch, tooLarge, badAmount, retrieved, missing,
      created: created.data.map((e) => e.data.object), charges: refunded.data.map((e) => e.data.object),
    };
  },
  async lists() {
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await stripe.checkout.sessions.create(book({ client_reference_id: `order_node_list_${i}` }))).id);
    }
    const walked = [];
    for await (const session of stripe.checkout.sessions.list({ limit: 2 })) walked.push(session.id);
    const first = await stripe.checkout.sessions.list({ limit: 2 });
    const since = await stripe.checkout.sessions.list({ created: { gte: Math.floor(Date.now() / 1000) - 300 } });
    const lineItems = await stripe.checkout.sessions.listLineItems(ids[0], { limit: 1 });
    const expanded = await stripe.checkout.sessions.retrieve(ids[0], { expand: ['line_items'] });
    const badExpand = await capture(stripe.checkout.sessions.retrieve(ids[0], { expand: ['customer'] }));
    return { ids, walked, first, since, lineItems, expanded, badExpand };
  },
  async invoiceDetails() {
    const created = await stripe.checkout.sessions.create(book({
      billing_address_collection: 'required',
      tax_id_collection: { enabled: true },
    }));
    const badCollection = await capture(stripe.checkout.sessions.create(book({ billing_address_collection: 'sometimes' })));
    return { created, badCollection };
  },
  async paidDetails(input) {
    const paid = await stripe.checkout.sessions.retrieve(input.id, { expand: ['payment_intent.latest_charge'] });
    return { paid };
  },
  async disputes(input) {
    const raw = async (path, params) => { const r = await stripe.rawRequest('POST', path, params); return typeof r.body === 'string' ? JSON.parse(r.body) : r; };
    const opened = await raw('/v1/test_helpers/disputes', { payment_intent: input.paymentIntent, reason: 'product_not_received' });
    const retrieved = await stripe.disputes.retrieve(opened.id);
    const staged = await stripe.disputes.update(opened.id, {
      evidence: { customer_name: 'Jenny Rosen', access_activity_log: '2026-12-01 10:00 UTC 203.0.113.7 delivered', product_description: 'A PDF' },
      metadata: { order_id: 'order_node_1', note: 'drop me' },
      submit: false,
    });
    const unset = await stripe.disputes.update(opened.id, { metadata: { note: '' }, submit: false });
    const unknownField = await capture(stripe.disputes.update(opened.id, { evidence: { not_a_field: 'x' }, submit: false }));
    const tooLong = await capture(stripe.disputes.update(opened.id, { evidence: { customer_name: 'x'.repeat(5001) }, submit: false }));
    const submitted = await stripe.disputes.update(opened.id, { evidence: { customer_email_address: 'jenny.rosen@example.com' }, submit: true });
    const again = await capture(stripe.disputes.update(opened.id, { evidence: { customer_name: 'Someone Else' }, submit: true }));
    const missing = await capture(stripe.disputes.retrieve('dp_does_not_exist'));
    const closed = await raw(`/v1/test_helpers/disputes/${opened.id}/close`, { outcome: input.outcome });
    const closeAgain = await capture(stripe.rawRequest('POST', `/v1/test_helpers/disputes/${opened.id}/close`, { outcome: 'lost' }));
    const final = await stripe.disputes.retrieve(opened.id);
    return { opened, retrieved, staged, unset, unknownField, tooLong, submitted, again, missing, closed, closeAgain: closeAgain.error ?? null, final };
  },
  async promotions(input) {
    const guide = await stripe.products.create({ name: 'CAN Bus Field Guide' });
    const errata = await stripe.products.create({ name: 'Errata sheet' });
    const other = await stripe.products.create({ name: 'Something else' });
    const coupon = await stripe.coupons.create({
      amount_off: 1000, currency: 'usd', duration: 'once', name: 'Ten off', max_redemptions: 5,
      applies_to: { products: [guide.id, errata.id] }, metadata: { row: 'r1' }, expand: ['applies_to'],
    });
    const percent = await stripe.coupons.create({ percent_off: 25, duration: 'once', applies_to: { products: [other.id] } });
    const code = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id }, code: 'SPRING-10', max_redemptions: 3,
      expires_at: Math.floor(Date.now() / 1000) + 86400, restrictions: { first_time_transaction: true },
    });
    const percentCode = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: percent.id }, code: 'OTHER-25' });
    const duplicate = await capture(stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: coupon.id }, code: 'spring-10' }));
    const noCoupon = await capture(stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: 'nope' } }));
    const badPercent = await capture(stripe.coupons.create({ percent_off: 120, duration: 'once' }));
    const noCurrency = await capture(stripe.coupons.create({ amount_off: 500, duration: 'once' }));
    const listed = await stripe.promotionCodes.list({ code: 'spring-10' });
    const lines = [
      { price_data: { currency: 'usd', unit_amount: 2900, product: guide.id }, quantity: 1 },
      { price_data: { currency: 'usd', unit_amount: 500, product: errata.id }, quantity: 2 },
      { price_data: { currency: 'usd', unit_amount: 700, product_data: { name: 'Not discounted' } }, quantity: 1 },
    ];
    const session = await stripe.checkout.sessions.create(book({ line_items: lines, discounts: [{ promotion_code: code.id }] }));
    const items = await stripe.checkout.sessions.listLineItems(session.id);
    const both = await capture(stripe.checkout.sessions.create(book({ discounts: [{ promotion_code: code.id }], allow_promotion_codes: true })));
    const notEligible = await capture(stripe.checkout.sessions.create(book({ line_items: lines, discounts: [{ promotion_code: percentCode.id }] })));
    const missingProduct = await capture(stripe.checkout.sessions.create(book({
      line_items: [{ price_data: { currency: 'usd', unit_amount: 100, product: 'prod_missing' }, quantity: 1 }] })));
    const deactivated = await stripe.promotionCodes.update(percentCode.id, { active: false });
    const inactive = await capture(stripe.checkout.sessions.create(book({ discounts: [{ promotion_code: percentCode.id }] })));
    const retrievedCode = await stripe.promotionCodes.retrieve(code.id);
    const retrievedCoupon = await stripe.coupons.retrieve(coupon.id);
    return {
      guide, coupon, percent, code, duplicate, noCoupon, badPercent, noCurrency, listed, session, items, both, notEligible,
      missingProduct, deactivated, inactive, retrievedCode, retrievedCoupon,
    };
  },
  async tax(input) {
    const lines = [
      { price_data: { currency: 'eur', unit_amount: 1000, tax_behavior: input.behavior, product_data: { name: 'Guide' } }, quantity: 1 },
    ];
    const session = await stripe.checkout.sessions.create(book({ line_items: lines, automatic_tax: { enabled: true }, billing_address_collection: 'required' }));
    const badBehavior = await capture(stripe.checkout.sessions.create(book({
      line_items: [{ price_data: { currency: 'eur', unit_amount: 1000, tax_behavior: 'sometimes', product_data: { name: 'Guide' } }, quantity: 1 }] })));
    return { session, badBehavior };
  },
  async retrieveWithItems(input) {
    const session = await stripe.checkout.sessions.retrieve(input.id, { expand: ['line_items'] });
    const code = input.code ? await stripe.promotionCodes.retrieve(input.code) : null;
    return { session, code };
  },
  async sign(input) {
    return { header: stripe.webhooks.generateTestHeaderString({ payload: input.payload, secret: input.secret, timestamp: input.timestamp }) };
  },
  async construct(input) {
    const payload = Buffer.from(input.payloadBase64, 'base64');
    const result = await capture(Promise.resolve().then(() => stripe.webhooks.constructEvent(payload, input.header, input.secret)));
    return result.ok ? { ok: { id: result.ok.id, type: result.ok.type, object: result.ok.data.object.object } } : result;
  },
};

let text = '';
process.stdin.on('data', (chunk) => { text += chunk; });
process.stdin.on('end', async () => {
  const input = text ? JSON.parse(text) : {};
  const result = await scenarios[process.argv[2]](input);
  process.stdout.write(JSON.stringify(result));
});
