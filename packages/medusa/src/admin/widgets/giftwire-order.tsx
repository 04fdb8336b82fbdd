import { defineWidgetConfig } from '@medusajs/admin-sdk';
import type { AdminOrder, DetailWidgetProps } from '@medusajs/framework/types';
import { Badge, Button, Container, Heading, Table, Text, toast } from '@medusajs/ui';
import { useCallback, useEffect, useState } from 'react';

interface Attempt {
  at: string;
  action: string;
  outcome: string;
  toState: string;
}

interface AdminDelivery {
  reference: string;
  vendor: string;
  state: string;
  status: string;
  delivery_status: string;
  vendor_order_id: string | null;
  /** Why the engine handed the order to a person (`vendor_order_mismatch`: the vendor's order is not ours). */
  attention: { reason: string; message: string } | null;
  settlement: { issued: number; failed: number; notCharged: { amount: string; currency: string }[] } | null;
  attempt_count: number;
  cards: { product_id: string; face_value: { amount: string; currency: string }; code: string | null }[];
  attempts: Attempt[];
}

interface AdminView {
  status: string;
  deliveries: AdminDelivery[];
}

const COLOR: Record<string, 'green' | 'orange' | 'red' | 'grey' | 'blue'> = {
  settled: 'green',
  placed: 'blue',
  placing: 'blue',
  accepted: 'grey',
  needs_attention: 'red',
};

/**
 * One row per vendor order of this order (a mixed cart has one per vendor): vendor, engine state, vendor
 * status, attempts, masked codes, what was not charged, the attempt log, and "retry now".
 */
const GiftwireOrderWidget = ({ data: order }: DetailWidgetProps<AdminOrder>) => {
  const [view, setView] = useState<AdminView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await fetch(`/admin/giftwire/orders/${order.id}`, { credentials: 'include' });
    if (res.ok) setView((await res.json()) as AdminView);
  }, [order.id]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [load]);

  const retry = async (reference: string) => {
    setBusy(reference);
    try {
      const res = await fetch(`/admin/giftwire/orders/${order.id}/deliveries/${reference}/retry`, {
        method: 'POST',
        credentials: 'include',
      });
      const body = (await res.json()) as { state?: string; message?: string };
      if (res.ok) toast.success(`Retry requested — now ${body.state}`);
      else toast.error(body.message ?? 'Retry refused');
      await load();
    } finally {
      setBusy(null);
    }
  };

  if (!view || view.deliveries.length === 0) return null;
  return (
    <Container className="divide-y p-0" data-testid="giftwire-order-widget" data-status={view.status}>
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Gift card delivery</Heading>
        <Badge
          color={view.status === 'delivered' ? 'green' : view.status === 'processing' ? 'blue' : 'orange'}
        >
          {view.status.replace('_', ' ')}
        </Badge>
      </div>
      {view.deliveries.map((delivery) => (
        <div
          key={delivery.reference}
          className="flex flex-col gap-y-3 px-6 py-4"
          data-testid="giftwire-delivery"
          data-vendor={delivery.vendor}
          data-state={delivery.state}
        >
          <div className="flex items-center justify-between">
            <div>
              <Text weight="plus">
                {delivery.vendor} · {delivery.vendor_order_id ?? 'not placed yet'}
              </Text>
              <Text size="small" className="text-ui-fg-subtle">
                reference {delivery.reference}
              </Text>
              <Text size="small" className="text-ui-fg-subtle" data-testid="giftwire-vendor-status">
                vendor status {delivery.status} · {delivery.attempt_count} attempt
                {delivery.attempt_count === 1 ? '' : 's'}
              </Text>
            </div>
            <div className="flex items-center gap-x-2">
              <Badge color={COLOR[delivery.state] ?? 'grey'}>{delivery.state}</Badge>
              <Button
                size="small"
                variant="secondary"
                data-testid="giftwire-retry"
                isLoading={busy === delivery.reference}
                disabled={delivery.state === 'settled'}
                onClick={() => void retry(delivery.reference)}
              >
                Retry now
              </Button>
            </div>
          </div>
          {delivery.delivery_status === 'unassigned' && (
            <Text size="small" className="text-ui-fg-error" data-testid="giftwire-unassigned">
              This vendor order settled without a fulfillment of this order (a fulfillment was rolled back but
              the vendor order could not be cancelled). Its cards are kept here: hand them over or refund.
            </Text>
          )}
          {delivery.attention && (
            <Text size="small" className="text-ui-fg-error">
              Needs attention ({delivery.attention.reason}): {delivery.attention.message}
              {delivery.attention.reason === 'vendor_order_mismatch' &&
                ' Its codes are withheld from everyone; resolve it with the vendor.'}
            </Text>
          )}
          {delivery.settlement && delivery.settlement.failed > 0 && (
            <Text size="small" className="text-ui-fg-error">
              {delivery.settlement.failed} card(s) not issued — refund due{' '}
              {delivery.settlement.notCharged.map((m) => `${m.amount} ${m.currency}`).join(', ')}
            </Text>
          )}
          {delivery.cards.length > 0 && (
            <Text size="small" data-testid="giftwire-cards">
              {delivery.cards.length} card(s) delivered:{' '}
              {delivery.cards
                .map((c) => `${c.face_value.amount} ${c.face_value.currency} ${c.code}`)
                .join(' · ')}
            </Text>
          )}
          <Table>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell>When</Table.HeaderCell>
                <Table.HeaderCell>Action</Table.HeaderCell>
                <Table.HeaderCell>Outcome</Table.HeaderCell>
                <Table.HeaderCell>State</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {delivery.attempts.map((attempt) => (
                <Table.Row key={`${attempt.at}-${attempt.action}`} data-testid="giftwire-attempt">
                  <Table.Cell>{new Date(attempt.at).toLocaleString()}</Table.Cell>
                  <Table.Cell>{attempt.action}</Table.Cell>
                  <Table.Cell>{attempt.outcome}</Table.Cell>
                  <Table.Cell>{attempt.toState}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ))}
    </Container>
  );
};

export const config = defineWidgetConfig({ zone: 'order.details.after' });

export default GiftwireOrderWidget;
