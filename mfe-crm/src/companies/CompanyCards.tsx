/** The card grid of companies, server-paginated. */
import type { ReactNode } from 'react';
import { Card, Col, Flex, Pagination, Row, Skeleton, Tooltip, Typography } from 'antd';
import { EnvironmentOutlined, EuroOutlined, TeamOutlined } from '@ant-design/icons';
import { formatCount, PAGE_SIZES, type Paging } from '@digiweb/shared-ui';
import type { CompanyDto, Paginated } from '@digiweb/api/contracts';
import { formatHeadcount, formatPlace, formatRevenue, LinkedCounts, StatusTag } from './display';

interface Props {
  data: Paginated<CompanyDto> | undefined;
  loading: boolean;
  paging: Paging;
  onPageChange: (paging: Paging) => void;
  onOpen: (company: CompanyDto) => void;
  /** Shown when the list is empty. */
  emptyText: ReactNode;
}

function Fact({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Tooltip title={label}>
      <Flex gap={6} align="center" style={{ minWidth: 0 }} aria-label={label}>
        <Typography.Text type="secondary">{icon}</Typography.Text>
        <Typography.Text ellipsis>{children}</Typography.Text>
      </Flex>
    </Tooltip>
  );
}

function CompanyCard({ company, onOpen }: { company: CompanyDto; onOpen: () => void }) {
  return (
    <Card
      hoverable
      size="small"
      data-testid={`company-card-${company.id}`}
      role="button"
      tabIndex={0}
      aria-label={`Ouvrir ${company.name}`}
      onClick={onOpen}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onOpen();
        }
      }}
      title={
        <Typography.Text strong ellipsis={{ tooltip: company.name }}>
          {company.name}
        </Typography.Text>
      }
      extra={<StatusTag status={company.status} />}
      style={{ height: '100%' }}
    >
      <Flex vertical gap={6}>
        <Typography.Text type={company.industry ? undefined : 'secondary'} ellipsis={{ tooltip: company.industry }}>
          {company.industry ?? 'Secteur non renseigné'}
        </Typography.Text>
        <Fact icon={<EnvironmentOutlined />} label="Ville">
          {formatPlace(company)}
        </Fact>
        <Flex gap={16} wrap>
          <Fact icon={<TeamOutlined />} label="Effectif">
            {formatHeadcount(company.headcount)}
          </Fact>
          <Fact icon={<EuroOutlined />} label="Chiffre d'affaires">
            {formatRevenue(company.revenue)}
          </Fact>
        </Flex>
        <LinkedCounts company={company} />
      </Flex>
    </Card>
  );
}

export function CompanyCards({ data, loading, paging, onPageChange, onOpen, emptyText }: Props) {
  const items = data?.items ?? [];
  return (
    <div data-testid="companies-grid" aria-busy={loading}>
      {!data && loading ? (
        <Row gutter={[16, 16]}>
          {Array.from({ length: 8 }, (_, i) => (
            <Col key={i} xs={24} sm={12} lg={8} xxl={6}>
              <Card size="small">
                <Skeleton active paragraph={{ rows: 3 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : items.length === 0 && !loading ? (
        emptyText
      ) : (
        <Row gutter={[16, 16]} style={{ opacity: loading ? 0.6 : 1, transition: 'opacity .2s' }}>
          {items.map((c) => (
            <Col key={c.id} xs={24} sm={12} lg={8} xxl={6}>
              <CompanyCard company={c} onOpen={() => onOpen(c)} />
            </Col>
          ))}
        </Row>
      )}
      {data && data.total > 0 && (
        <Flex justify="end" style={{ marginTop: 16 }}>
          <Pagination
            current={paging.page}
            pageSize={paging.pageSize}
            total={data.total}
            showSizeChanger
            pageSizeOptions={PAGE_SIZES.map(String)}
            showTotal={(total, [from, to]) => `${from}–${to} sur ${formatCount(total, 'entreprise')}`}
            onChange={(page, pageSize) => onPageChange({ pageSize, page: pageSize !== paging.pageSize ? 1 : page })}
          />
        </Flex>
      )}
    </div>
  );
}
