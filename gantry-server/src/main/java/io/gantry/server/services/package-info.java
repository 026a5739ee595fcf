/**
 * ECS services: the service operations (CreateService, UpdateService, DeleteService,
 * DescribeServices, ListServices), the stored service with its deployments, and the service
 * controller that keeps each service's tasks converging on its PRIMARY deployment — a work queue
 * of service keys, the pure {@link io.gantry.server.services.ServiceReconciler} and one executor
 * thread that launches and stops tasks through {@link io.gantry.server.tasks.ServiceTasks}.
 */
package io.gantry.server.services;
