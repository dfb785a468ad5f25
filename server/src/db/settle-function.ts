/**
 * PostgreSQL: the settling transaction of an authorization (authorize/settle.ts) as one function, so it
 * costs one round trip instead of seven (begin, claim, lock, window, two inserts, commit). Lock the token
 * row, claim the ATC (the primary key refuses a reused one: ATC_REPLAYED), check the token (state, domain,
 * expiry, ATC handed out), then the checks the caller made on the program (p_static_reason), then the
 * issuer's answer or the rules over the last day's approved payments (read after the lock: each statement
 * of a volatile function sees what committed before it), and record the authorization and its outbox
 * event. Returns the reason ('APPROVED' or a decline code).
 *
 * The lock comes first because several calls run in one transaction (authorize/settle-postgres.ts): a
 * transaction holding a token's lock while it claims a second ATC of that token must never wait for
 * another transaction that claimed that ATC and now waits for the lock. Taking the lock first, and the
 * tokens of a batch in id order, every transaction waits for the others in one order: no cycle.
 * Limits are in the program's billing currency: the caller prices the payment beforehand (fx/billing.ts,
 * p_billing_*), the window sums billed amounts. Migration 0006 created it, 0007 re-created it with the
 * billing parameters, 0011 with the lock first (the latest text serves all three: a fresh database runs
 * each).
 */
export const SETTLE_FUNCTION = `
create or replace function arkpay_settle(
  p_id text, p_kind text, p_token_id text, p_acquirer_id text, p_device_id text, p_domain text, p_atc integer,
  p_amount bigint, p_currency text, p_merchant text, p_date text, p_pre_decline text, p_static_reason text,
  p_issuer text, p_daily bigint, p_velocity bigint, p_arpc_approved text, p_arpc_declined text,
  p_owner_verified integer, p_event_id text, p_payload_head text, p_issuer_id text, p_now bigint,
  p_billing_amount bigint, p_billing_currency text, p_fx_rate text, p_fx_markup_bps integer, p_fx_rate_date text)
returns text language plpgsql volatile as $fn$
declare
  t tokens%rowtype;
  r text;
  issuer text := p_issuer_id;
  spent bigint;
  last_hour bigint;
begin
  select * into t from tokens where id = p_token_id for update;
  if not found then
    raise exception 'token vanished inside its authorization';
  end if;
  issuer := t.issuer_id;
  if p_atc is not null then
    insert into atc_uses (token_id, atc, authorization_id, created_at) values (p_token_id, p_atc, p_id, p_now)
      on conflict (token_id, atc) do nothing;
    if not found then
      r := 'ATC_REPLAYED';
    end if;
  end if;
  if r is null then
    r := coalesce(p_pre_decline, case
      when t.state <> 'active' then case when t.state = 'suspended' then 'TOKEN_SUSPENDED' else 'TOKEN_NOT_ACTIVE' end
      when not (p_domain = any (string_to_array(t.domains, ','))) then 'DOMAIN_NOT_ALLOWED'
      when left(p_date, 4) collate "C" > t.expiry collate "C" then 'TOKEN_EXPIRED'
      when p_atc is not null and p_atc >= t.next_atc then 'ATC_NOT_ISSUED'
      else p_static_reason end);
    if r = 'APPROVED' and p_issuer <> 'rules' then
      r := p_issuer;
    elsif r = 'APPROVED' then
      select coalesce(sum(coalesce(a.billing_amount, a.amount)), 0), count(*) filter (where a.created_at > p_now - 3600000)
        into spent, last_hour
        from authorizations a
        where a.token_id = p_token_id and a.created_at > p_now - 86400000 and a.kind in ('tap', 'qr', 'inapp')
          and a.approved = 1;
      if spent + coalesce(p_billing_amount, p_amount) > p_daily then
        r := 'DAILY_LIMIT_EXCEEDED';
      elsif last_hour >= p_velocity then
        r := 'VELOCITY_EXCEEDED';
      end if;
    end if;
  end if;
  insert into authorizations (id, kind, token_id, issuer_id, acquirer_id, device_id, original_id, domain, atc,
      amount, currency, merchant, approved, reason, arpc, owner_verified, created_at, billing_amount, billing_currency,
      fx_rate, fx_markup_bps, fx_rate_date)
    values (p_id, p_kind, p_token_id, issuer, p_acquirer_id, p_device_id, null, p_domain, p_atc, p_amount, p_currency,
      p_merchant, case when r = 'APPROVED' then 1 else 0 end, r,
      case when r = 'APPROVED' then p_arpc_approved else p_arpc_declined end, p_owner_verified, p_now,
      p_billing_amount, p_billing_currency, p_fx_rate, p_fx_markup_bps, p_fx_rate_date);
  insert into events (id, issuer_id, type, subject_id, payload, created_at, delivery, attempts, next_attempt_at)
    values (p_event_id, issuer, case when r = 'APPROVED' then 'authorization.approved' else 'authorization.declined' end,
      p_id, p_payload_head || to_json(r)::text || '}', p_now, 'pending', 0, p_now);
  return r;
end
$fn$`;
