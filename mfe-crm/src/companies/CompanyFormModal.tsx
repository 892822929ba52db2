/** Admin edition of what the contacts do not tell: industry (NAF), headcount, revenue, legal form, address. */
import { useState } from 'react';
import { App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { AmountInput, amountRule, errorMessage, fieldErrors } from '@digiweb/shared-ui';
import { LEGAL_FORMS, type CompanyDetailDto, type CompanyUpdateInput } from '@digiweb/api/contracts';
import { updateCompany } from './api';

interface Values {
  nafCode?: string;
  industry?: string;
  headcount?: number | null;
  revenue?: number | null;
  legalForm?: string;
  address?: string;
  postalCode?: string;
  city?: string;
}

const LEGAL_FORM_OPTIONS = LEGAL_FORMS.map((f) => ({ value: f, label: f }));

const valuesOf = (c: CompanyDetailDto): Values => ({
  nafCode: c.nafCode,
  industry: c.industry,
  headcount: c.headcount ?? null,
  revenue: c.revenue ?? null,
  legalForm: c.legalForm,
  address: c.address,
  postalCode: c.postalCode,
  city: c.city,
});

/** Every field is sent: an emptied one is cleared (null). */
function bodyOf(v: Values): CompanyUpdateInput {
  const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);
  return {
    nafCode: text(v.nafCode),
    industry: text(v.industry),
    headcount: v.headcount ?? null,
    revenue: v.revenue ?? null,
    legalForm: (text(v.legalForm) as CompanyUpdateInput['legalForm']) ?? null,
    address: text(v.address),
    postalCode: text(v.postalCode),
    city: text(v.city),
  };
}

interface Props {
  company: CompanyDetailDto | null;
  onClose: () => void;
  onSaved: (company: CompanyDetailDto) => void;
}

export function CompanyFormModal({ company, onClose, onSaved }: Props) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async (values: Values) => {
    if (!company) return;
    setSaving(true);
    try {
      const saved = await updateCompany(company.id, bodyOf(values));
      message.success(`« ${saved.name} » mise à jour`);
      onSaved(saved);
    } catch (err) {
      const errors = fieldErrors(err);
      if (errors.length) form.setFields(errors.map((e) => ({ name: e.name as keyof Values, errors: e.errors })));
      message.error(`L'entreprise n'a pas pu être enregistrée : ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={company !== null}
      title={company ? `Modifier ${company.name}` : undefined}
      width={680}
      destroyOnHidden
      okText="Enregistrer"
      cancelText="Annuler"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        if (!saving) onClose();
      }}
      mask={{ closable: false }}
    >
      {company && (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={valuesOf(company)}
          onFinish={submit}
          data-testid="company-form"
        >
          <Row gutter={16}>
            <Col xs={24} sm={8}>
              <Form.Item
                name="nafCode"
                label="Code NAF"
                tooltip="Le libellé du secteur est repris de la nomenclature si vous ne le saisissez pas."
                rules={[{ pattern: /^\s*\d{2}\.\d{2}[A-Za-z]\s*$/, message: 'Forme attendue : 70.22Z' }]}
              >
                <Input placeholder="70.22Z" maxLength={6} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="industry" label="Secteur" rules={[{ max: 160 }]}>
                <Input placeholder="Conseil pour les affaires…" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="headcount" label="Effectif" rules={[amountRule]}>
                <AmountInput decimals={0} min={0} max={10_000_000} suffix="salariés" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="revenue" label="Chiffre d'affaires" rules={[amountRule]}>
                <AmountInput decimals={0} min={0} suffix="€" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="legalForm" label="Forme juridique">
                <Select allowClear options={LEGAL_FORM_OPTIONS} placeholder="SAS, SARL…" />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name="address" label="Adresse" rules={[{ max: 200 }]}>
                <Input />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item
                name="postalCode"
                label="Code postal"
                rules={[{ pattern: /^\s*\d{5}\s*$/, message: '5 chiffres' }]}
              >
                <Input maxLength={5} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="city" label="Ville" rules={[{ max: 120 }]}>
                <Input />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </Modal>
  );
}
