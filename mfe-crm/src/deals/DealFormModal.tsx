/** Create / edit form of a deal, in a modal. Validated with the contract's zod schemas, then by the API. */
import { useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, Row, Select, Space, type FormRule } from 'antd';
import dayjs from 'dayjs';
import { AmountInput, amountRule, errorMessage, fieldErrors, FormModal, useSession } from '@digiweb/shared-ui';
import {
  COMPANIES,
  COMPANY_LABELS,
  DEAL_STAGES,
  DEAL_STAGE_LABELS,
  LOSS_REASON_REQUIRED,
  probabilityFor,
  type DealDto,
  type DealStage,
} from '@digiweb/api/contracts';
import { createDeal, updateDeal } from './api';
import { ContactPicker } from './ContactPicker';
import { StageTag } from './display';
import {
  buildCreateBody,
  buildUpdateBody,
  toFieldErrors,
  validateField,
  valuesFromDeal,
  type DealFormField,
  type DealFormValues,
} from './form';

export interface OwnerOption {
  value: string;
  label: string;
}

const STAGE_OPTIONS = DEAL_STAGES.map((s) => ({ value: s, label: DEAL_STAGE_LABELS[s] }));
const COMPANY_OPTIONS = COMPANIES.map((c) => ({ value: c, label: COMPANY_LABELS[c] }));

interface Props {
  open: boolean;
  /** The deal to edit; absent to create one. */
  deal?: DealDto;
  canAssign: boolean;
  ownerOptions: OwnerOption[];
  onClose: () => void;
  onSaved: (deal: DealDto, created: boolean) => void;
}

export function DealFormModal({ open, deal, canAssign, ownerOptions, onClose, onSaved }: Props) {
  return (
    <FormModal open={open} title={deal ? 'Modifier le deal' : 'Nouveau deal'} onClose={onClose}>
      {({ saving, setSaving }) => (
        <DealForm
          key={deal?.id ?? 'new'}
          deal={deal}
          canAssign={canAssign}
          ownerOptions={ownerOptions}
          saving={saving}
          setSaving={setSaving}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </FormModal>
  );
}

interface FormProps extends Omit<Props, 'open'> {
  saving: boolean;
  setSaving: (saving: boolean) => void;
}

function DealForm({ deal, canAssign, ownerOptions, saving, setSaving, onClose, onSaved }: FormProps) {
  const { message } = App.useApp();
  const { me } = useSession();
  const [form] = Form.useForm<DealFormValues>();
  const stage: DealStage = Form.useWatch('stage', form) ?? deal?.stage ?? 'discovery';
  const closed = stage === 'won' || stage === 'lost';
  // Until the rep types a probability, it follows the stage's default.
  const [probabilityTouched, setProbabilityTouched] = useState(Boolean(deal));

  const initialValues: DealFormValues = deal
    ? valuesFromDeal(deal)
    : {
        stage: 'discovery',
        probability: probabilityFor('discovery'),
        issuingCompany: me.user.company,
        expectedCloseDate: dayjs().add(1, 'month'),
      };

  const rule = (field: Exclude<DealFormField, 'owner' | 'stage'>): FormRule => ({
    validator: async () => {
      const msg = validateField(field, form.getFieldsValue(true));
      if (msg) throw new Error(msg);
    },
  });
  const lossReasonRule: FormRule = {
    validator: async (_r, value: unknown) => {
      if (stage === 'lost' && !(typeof value === 'string' && value.trim())) throw new Error(LOSS_REASON_REQUIRED);
    },
  };

  const showErrors = (fields: { name: DealFormField; errors: string[] }[], other: string[]) => {
    if (fields.length) form.setFields(fields);
    message.error(other[0] ?? 'Certaines valeurs sont invalides.');
  };

  const save = async (request: () => Promise<DealDto>) => {
    setSaving(true);
    try {
      const saved = await request();
      message.success(deal ? 'Deal mis à jour' : 'Deal créé');
      onSaved(saved, !deal);
    } catch (err) {
      const { fields } = toFieldErrors(fieldErrors(err).map((f) => ({ path: f.name, message: f.errors.join(' ') })));
      if (fields.length) form.setFields(fields);
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  const onFinish = async (values: DealFormValues) => {
    if (deal) {
      const built = buildUpdateBody(values, deal);
      if (!built.ok) return showErrors(built.errors, built.other);
      if (Object.keys(built.body).length === 0) {
        message.info('Aucune modification à enregistrer.');
        onClose();
        return;
      }
      await save(() => updateDeal(deal.id, built.body));
    } else {
      const built = buildCreateBody(values, canAssign);
      if (!built.ok) return showErrors(built.errors, built.other);
      await save(() => createDeal(built.body));
    }
  };

  return (
    <Form<DealFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onValuesChange={(changed: DealFormValues) => {
        if ('probability' in changed) setProbabilityTouched(true);
        if (changed.stage && (!probabilityTouched || changed.stage === 'won' || changed.stage === 'lost'))
          form.setFieldValue('probability', probabilityFor(changed.stage));
      }}
      disabled={saving}
      requiredMark
      data-testid="deal-form"
      scrollToFirstError
    >
      <Form.Item name="title" label="Titre" required rules={[rule('title')]} validateTrigger="onBlur">
        <Input placeholder="Refonte site vitrine" autoComplete="off" maxLength={160} />
      </Form.Item>
      <Form.Item name="contactId" label="Contact" required rules={[rule('contactId')]}>
        <ContactPicker initialLabel={deal ? (deal.companyName ? `${deal.contactName} — ${deal.companyName}` : deal.contactName) : undefined} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="amount" label="Montant (€ HT)" required rules={[amountRule, rule('amount')]} validateFirst>
            <AmountInput min={0} suffix="€" placeholder="4 800,00" aria-label="Montant" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="probability"
            label="Probabilité de closing"
            rules={[amountRule, rule('probability')]}
            validateFirst
            extra={closed ? 'Fixée par l’étape (100 % gagné, 0 % perdu).' : 'Votre estimation ; par défaut celle de l’étape.'}
          >
            <AmountInput decimals={0} min={0} max={100} suffix="%" disabled={closed} aria-label="Probabilité" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="stage" label="Étape" required>
            <Select
              options={STAGE_OPTIONS}
              optionRender={(o) => <StageTag stage={o.data.value} />}
              disabled={Boolean(deal)}
              aria-label="Étape"
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="expectedCloseDate" label="Clôture prévue" required rules={[rule('expectedCloseDate')]}>
            <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} placeholder="jj/mm/aaaa" aria-label="Clôture prévue" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="issuingCompany" label="Société émettrice" required rules={[rule('issuingCompany')]}>
            <Select options={COMPANY_OPTIONS} aria-label="Société émettrice" />
          </Form.Item>
        </Col>
        {!deal && canAssign && (
          <Col xs={24} md={12}>
            <Form.Item name="owner" label="Propriétaire" extra="Par défaut, le deal vous appartient.">
              <Select
                allowClear
                placeholder="Vous-même"
                options={ownerOptions}
                showSearch={{ optionFilterProp: 'label' }}
                aria-label="Propriétaire"
                data-testid="deal-form-owner"
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      {stage === 'lost' && (
        <Form.Item name="lossReason" label="Motif de perte" required rules={[lossReasonRule]}>
          <Input placeholder="Budget insuffisant, concurrent choisi…" maxLength={300} />
        </Form.Item>
      )}
      <Form.Item name="notes" label="Notes" rules={[rule('notes')]}>
        <Input.TextArea rows={3} maxLength={5000} placeholder="Contexte, prochaines étapes…" />
      </Form.Item>
      {deal && (
        <Form.Item noStyle>
          <span style={{ fontSize: 12, color: 'rgba(0,0,0,0.45)' }}>
            L’étape se change depuis le tableau (glisser-déposer) ou la fiche du deal.
          </span>
        </Form.Item>
      )}
      <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }}>
        <Button onClick={onClose} disabled={saving}>
          Annuler
        </Button>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="deal-form-submit">
          {deal ? 'Enregistrer' : 'Créer le deal'}
        </Button>
      </Space>
    </Form>
  );
}
